-- Unique indexes enforce their key: an expression's value (case-insensitive email), only
-- among the rows a partial index admits, NULLS NOT DISTINCT; a foreign key may reference a
-- plain unique index but not a partial or expression one; DROP INDEX refuses while a key
-- depends on it.
create table users (id int primary key, email text not null, deleted_at timestamptz);
create unique index users_email_ci on users (lower(email));
insert into users values (1, 'Ann@example.org', null), (2, 'bob@example.org', null);
insert into users values (3, 'ANN@example.org', null);
update users set email = 'BOB@example.org' where id = 2;
update users set email = 'bob@example.org' where id = 1;
select * from users;
begin;
delete from users where id = 1;
insert into users values (4, 'ann@EXAMPLE.org', null);
rollback;
insert into users values (5, 'Ann@Example.org', null);
-- A partial unique index: unique among live rows only.
create table accounts (id int primary key, handle text not null, closed_at date);
create unique index accounts_live_handle on accounts (handle) where closed_at is null;
insert into accounts values (1, 'zoe', '2024-01-01'), (2, 'zoe', null);
insert into accounts values (3, 'zoe', null);
update accounts set closed_at = '2024-02-01' where id = 2;
insert into accounts values (3, 'zoe', null);
select * from accounts;
-- Neither a partial nor an expression index can back a foreign key.
create table logins (account_handle text references accounts (handle));
create table notes (author_email text references users (email));
-- A plain unique index can.
create unique index users_email_exact on users (email);
create table notes (id int primary key, author_email text references users (email) on update cascade);
insert into notes values (1, 'Ann@example.org');
insert into notes values (2, 'ann@example.org');
update users set email = 'Annie@example.org' where id = 1;
select * from notes;
delete from users where id = 1;
drop index users_email_exact;
\d users
-- NULLS NOT DISTINCT: a second NULL collides.
create table tags (id int, label text);
create unique index tags_label on tags (label) nulls not distinct;
insert into tags values (1, null);
insert into tags values (2, null);
insert into tags values (3, 'x'), (4, 'x');
-- Building a unique index over duplicate keys fails, naming the key.
insert into accounts values (9, 'zoe', '2020-01-01');
create unique index accounts_handle on accounts (handle);
create unique index tags_id on tags (id);
create unique index tags_lower on tags (lower(label));
