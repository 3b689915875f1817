-- A Supabase example app's migration: roles, extensions, row-level security, policies,
-- realtime publication, grants. The roles are created here because a bare PostgreSQL has none.
create role anon nologin;
create role authenticated nologin;
create role service_role nologin bypassrls;

create schema if not exists extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "pg_graphql";
create extension pgjwt;

-- Create a table for public profiles
create table profiles (
  id uuid not null primary key,
  updated_at timestamp with time zone,
  username text unique,
  full_name text,
  avatar_url text,
  website text,

  constraint username_length check (length(username) >= 3)
);
-- Set up Row Level Security (RLS)
alter table profiles
  enable row level security;

create policy "Public profiles are viewable by everyone." on profiles
  for select using (true);

create policy "Users can insert their own profile." on profiles
  for insert with check (id = gen_random_uuid());

create policy "Users can update own profile." on profiles
  for update to authenticated using (username = current_user);

create policy "Users can update own profile." on profiles
  for update using (true);
create policy "No such column" on profiles
  using (owner_id = 1);
create policy "No such role" on profiles
  to supabase_auth_admin using (true);

create table todos (
  id bigint primary key,
  user_id uuid references profiles not null,
  task text check (length(task) > 3),
  is_complete boolean default false
);
alter table todos enable row level security;
alter table todos force row level security;
\d todos
create policy "Individuals can delete their own todos." on todos as restrictive
  for delete to anon, authenticated using (is_complete);
\d todos
alter table todos disable row level security;
\d todos

-- Realtime
begin;
  drop publication if exists supabase_realtime;
  create publication supabase_realtime;
commit;
alter publication supabase_realtime add table profiles;
alter publication supabase_realtime add table nowhere;
alter table profiles replica identity full;
\d profiles

-- Grants
grant usage on schema public to anon, authenticated, service_role;
grant all on all tables in schema public to anon, authenticated, service_role;
grant select on table public.profiles to anon;
grant select, insert on public.profiles to supabase_admin;
grant usage on table public.todos to anon;
revoke all on table public.todos from anon;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to anon;
grant anon to authenticated;

-- Policies go with their table; a failed statement inside a transaction takes its own back.
drop policy "Users can update own profile." on profiles;
drop policy "Users can update own profile." on profiles;
drop policy if exists "Users can update own profile." on profiles;
begin;
create policy "temporary" on profiles using (false);
drop policy "nope" on profiles;
rollback;
\d profiles

-- A foreign key still decides what the policies cannot.
insert into profiles (id, username) values ('6f1c1f55-7f2e-4a4e-9d6b-2b4f4a7c1f00', 'ada');
insert into todos (id, user_id, task) values (1, '00000000-0000-0000-0000-000000000000', 'write');
delete from profiles;

drop table todos, profiles;
drop owned by anon, authenticated, service_role;
drop role anon, authenticated, service_role;
drop role if exists anon;
drop role postgres;
