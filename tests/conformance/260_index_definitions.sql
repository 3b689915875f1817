-- Indexes as real schemas write them: expression keys, partial indexes, INCLUDE, USING,
-- WITH options, NULLS NOT DISTINCT, per-key order and operator class, IF NOT EXISTS,
-- CONCURRENTLY; \d of the table and of an index, pg_indexes and pg_get_indexdef.
create table users (
  id int primary key,
  email text not null,
  name text,
  deleted_at timestamptz,
  score int
);
create unique index on users (lower(email));
create unique index users_email_live on users (email) where deleted_at is null;
create index users_name_hash on users using hash (name);
create index users_name_cov on users (name) include (email, score);
create index if not exists users_name_cov on users (name);
create index concurrently users_score_desc on users (score desc nulls last, name nulls first);
create unique index users_name_nnd on users (name) nulls not distinct;
create index users_name_ff on users (name) with (fillfactor = 70, deduplicate_items = off);
create index users_pattern on users (name text_pattern_ops);
create index on users ((score + id));
create index on users ((name || '!'));
create index on users ((score::text)) where score > 0 and name is not null;
\d users
\d users_email_live
\d users_name_cov
\d users_expr_idx
\d users_lower_idx
select indexname, indexdef from pg_indexes where tablename = 'users' order by indexname;
select pg_get_indexdef('users_email_live'::regclass);
-- Unknown columns and functions fail at CREATE INDEX.
create index on users (nope);
create index on users (lower(no_such_column));
create index on users (name) include (nope);
create index on users (name) where no_such_column > 1;
create index users_pkey on users (name);
drop index users_name_ff, users_pattern;
\d users
-- CONCURRENTLY is refused inside a transaction block.
begin;
create index concurrently users_score_c on users (score);
rollback;
create index concurrently if not exists users_score_c on users (score);
\d users_score_c
