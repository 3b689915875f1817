-- ALTER TABLE ... DROP COLUMN: indexes, checks, keys and the table's own foreign keys that
-- use the column go with it; a foreign key of another table onto it, or a view reading it,
-- needs CASCADE; the column vanishes from *, INSERT's column list and \d.
create table users (
  id serial primary key,
  email text unique,
  nick text,
  age int check (age > 0),
  bio text,
  lo int,
  hi int,
  check (lo < hi)
);
create index users_nick on users (nick);
create index users_nick_bio on users (nick, bio);
create unique index users_bio_ci on users (lower(bio)) where age > 17;
create table posts (
  id int primary key,
  author_email text references users (email) on delete cascade,
  author_id int references users (id),
  body text
);
create view nicks as select id, nick from users;
create view nick_count as select count(*) from nicks;
insert into users (email, nick, age, bio, lo, hi) values ('ann@x.org', 'ann', 30, 'hi', 1, 2);
insert into posts values (1, 'ann@x.org', 1, 'first');
alter table users drop column nope;
alter table users drop column if exists nope;
alter table users drop column email;
alter table users drop column nick;
alter table users drop column bio;
alter table users drop column age;
alter table users drop column lo;
\d users
select * from users;
insert into users values (default, 'a@y.org', 'amy', 5);
insert into users values (default, 'a@y.org', 'amy', 5, 'extra');
select * from users;
begin;
alter table users drop column email cascade;
\d posts
insert into posts values (2, 'nobody@x.org', 1, 'orphan email is fine now');
rollback;
insert into posts values (2, 'nobody@x.org', 1, 'orphan email');
alter table users drop column nick cascade;
select * from nick_count;
-- A primary key referenced from another table needs CASCADE; the serial's sequence goes too.
alter table users drop column id;
alter table users drop column id cascade;
\d users
\d posts
insert into posts values (3, 'ann@x.org', 999, 'author_id is no longer checked');
create sequence users_id_seq;
-- The referencing side: dropping a column of a foreign key drops the key.
alter table posts drop column author_email;
\d posts
delete from users;
select * from posts;
