-- ALTER POLICY (roles, USING, WITH CHECK, RENAME) and ALTER FUNCTION (SECURITY DEFINER/INVOKER,
-- SET/RESET search_path, volatility) as migrations change them
create role c140_reader;
create schema c140_private;
create table c140_private.secrets (id int primary key, owner text, body text);
insert into c140_private.secrets values (1, 'c140_reader', 'mine'), (2, 'other', 'theirs');
alter table c140_private.secrets enable row level security;
create policy readable on c140_private.secrets for select to c140_reader using (owner = 'nobody');
grant usage on schema c140_private to c140_reader;
grant select on c140_private.secrets to c140_reader;
create function count_secrets() returns bigint language sql as $$ select count(*) from c140_private.secrets $$;
set role c140_reader;
select count_secrets(), count(*) from c140_private.secrets;
reset role;
alter policy readable on c140_private.secrets using (owner = current_user);
set role c140_reader;
select body from c140_private.secrets;
reset role;
alter function count_secrets() security definer;
alter function count_secrets() stable;
set role c140_reader;
select count_secrets();
reset role;
alter function count_secrets security invoker;
alter function public.count_secrets() set search_path = c140_private, public;
alter function count_secrets() reset search_path;
alter function count_secrets(integer) stable;
alter function nosuch stable;
alter policy readable on c140_private.secrets rename to mine_only;
alter policy readable on c140_private.secrets using (true);
alter policy mine_only on c140_private.secrets to public using (nosuch_column = 1);
\d c140_private.secrets
drop function count_secrets();
drop schema c140_private cascade;
drop owned by c140_reader;
drop role c140_reader;
