-- INSERT ... ON CONFLICT choosing a unique index as its arbiter: a plain CREATE UNIQUE
-- INDEX, an expression index (lower(email)), a partial index inferred through WHERE, and a
-- constraint made from an index (ON CONSTRAINT); upserts of child rows with foreign keys.
create table accounts (
  id int primary key,
  email text not null,
  name text
);
create unique index accounts_email_lower on accounts (lower(email));
create table posts (
  id int primary key,
  account_id int references accounts on update cascade,
  slug text not null,
  deleted boolean not null default false,
  body text
);
create unique index posts_live_slug on posts (slug) where not deleted;
create unique index posts_account_slug on posts (account_id, slug);
alter table posts add constraint posts_account_slug_key unique using index posts_account_slug;
create table tags (post_id int references posts on delete cascade, tag text);
create unique index on tags (post_id, tag);

insert into accounts values (1, 'Ann@example.com', 'ann'), (2, 'bob@example.com', 'bob');
-- the expression index decides: same address in other case
insert into accounts values (3, 'ANN@EXAMPLE.COM', 'Ann B.')
  on conflict (lower(email)) do update set name = excluded.name
  returning *;
insert into accounts values (3, 'bob@EXAMPLE.com', 'x') on conflict (LOWER( email )) do nothing;
-- the column alone matches no index
insert into accounts values (3, 'bob@example.com', 'x') on conflict (email) do nothing;
-- a key the primary key arbitrates, changed to one the children follow (ON UPDATE CASCADE)
insert into posts values (10, 1, 'hello', false, 'first');
insert into accounts values (1, 'ann@example.com', 'ann') on conflict (id) do update set id = 7;
select * from posts;

-- the partial index needs its predicate in the WHERE
insert into posts values (11, 2, 'hello', false, 'dup') on conflict (slug) do nothing;
insert into posts values (11, 2, 'hello', false, 'dup')
  on conflict (slug) where not deleted do update set body = excluded.body || ' (again)';
insert into posts values (12, 2, 'hello', false, 'x')
  on conflict (slug) where not deleted and body <> '' do nothing;
-- a row its predicate leaves out never conflicts there
insert into posts values (12, 2, 'hello', true, 'old')
  on conflict (slug) where not deleted do nothing;
-- the update of a conflicting child row still meets the foreign key
insert into posts values (13, 1, 'hello', false, 'x')
  on conflict (slug) where not deleted do update set account_id = 99;
insert into posts values (13, 99, 'fresh', false, 'x')
  on conflict (slug) where not deleted do nothing;
-- a constraint made from an index, by name; the index name alone is no constraint
insert into posts values (14, 7, 'hello', true, 'named')
  on conflict on constraint posts_account_slug_key do update set account_id = 2;
insert into posts values (14, 7, 'hello', true, 'named')
  on conflict on constraint posts_account_slug do nothing;
insert into posts values (14, 7, 'hello', true, 'named')
  on conflict on constraint posts_account_id_fkey do nothing;
insert into posts values (14, 7, 'hello', true, 'named')
  on conflict (zzzz) do nothing;
insert into posts values (14, 7, 'hello', true, 'named')
  on conflict (slug) where zzzz do nothing;
select * from posts;

-- no target: every unique index arbitrates DO NOTHING
insert into tags values (10, 'a'), (10, 'a'), (11, 'a') on conflict do nothing;
insert into tags values (10, 'b'), (10, 'b') on conflict (post_id, tag) do nothing;
insert into tags values (10, 'a'), (77, 'a') on conflict (tag, post_id) do nothing;
select * from tags;
delete from posts where id = 10;
select * from tags;
