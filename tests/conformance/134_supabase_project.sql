-- A Supabase project as its migrations see it: the auth schema (auth.users, and auth.uid(),
-- auth.role() and auth.jwt() reading the request's JWT claims as Supabase defines them), the
-- roles anon, authenticated and service_role with the grants Supabase gives them, the
-- extensions schema with uuid-ossp and pgcrypto, Storage's buckets and objects, and the
-- supabase_realtime publication. Plain SQL that PostgreSQL runs too.
CREATE ROLE anon NOLOGIN NOINHERIT;
CREATE ROLE authenticated NOLOGIN NOINHERIT;
CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS;
CREATE SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA extensions;
SET search_path = "$user", public, extensions;
GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA extensions TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
CREATE SCHEMA auth;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
CREATE TABLE auth.users (
  instance_id uuid,
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  recovery_token varchar(255),
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  phone text UNIQUE,
  phone_confirmed_at timestamptz,
  confirmed_at timestamptz,
  banned_until timestamptz,
  deleted_at timestamptz,
  is_anonymous boolean NOT NULL DEFAULT false
);
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
CREATE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;
CREATE SCHEMA storage;
GRANT USAGE ON SCHEMA storage TO anon, authenticated, service_role;
CREATE TABLE storage.buckets (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  owner uuid,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  public boolean DEFAULT false,
  file_size_limit bigint
);
CREATE TABLE storage.objects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bucket_id text,
  name text,
  owner uuid,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  last_accessed_at timestamptz DEFAULT now(),
  metadata jsonb,
  CONSTRAINT "objects_bucketId_fkey" FOREIGN KEY (bucket_id) REFERENCES storage.buckets (id),
  UNIQUE (bucket_id, name)
);
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
GRANT ALL ON storage.buckets, storage.objects TO anon, authenticated, service_role;
CREATE PUBLICATION supabase_realtime;
-- ==== migration 20240101000000_profiles.sql ====
create type public.task_status as enum ('todo', 'doing', 'done');
create table public.profiles (
  id uuid not null references auth.users on delete cascade primary key,
  username text unique,
  full_name text,
  avatar_url text,
  updated_at timestamp with time zone,
  constraint username_length check (length(username) >= 3)
);
alter table public.profiles enable row level security;
create policy "Public profiles are viewable by everyone." on profiles
  for select using (true);
create policy "Users can insert their own profile." on profiles
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own profile." on profiles
  for update using ((select auth.uid()) = id);
-- ==== migration 20240101000100_signup_trigger.sql ====
create function public.handle_new_user()
returns trigger
language plpgsql
security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, full_name, avatar_url, username)
  values (new.id, new.raw_user_meta_data->>'full_name', new.raw_user_meta_data->>'avatar_url',
          new.raw_user_meta_data->>'username');
  return new;
end;
$$;
create trigger on_auth_user_created
  after insert on auth.users
  for each row execute procedure public.handle_new_user();
-- ==== migration 20240101000200_teams_and_tasks.sql ====
create table public.teams (
  id bigint generated by default as identity primary key,
  name text not null,
  owner_id uuid not null references public.profiles on delete cascade,
  created_at timestamptz default now() not null
);
create table public.tasks (
  id bigint generated by default as identity primary key,
  team_id bigint not null references public.teams on delete cascade,
  assignee_id uuid references public.profiles on delete set null,
  title text not null,
  status public.task_status not null default 'todo',
  inserted_at timestamptz default now() not null
);
comment on table public.tasks is 'Work items of a team.';
alter table public.teams enable row level security;
alter table public.tasks enable row level security;
create policy "Teams are visible to their owner" on public.teams
  for select to authenticated using (owner_id = auth.uid());
create policy "Owners create teams" on public.teams
  for insert to authenticated with check (owner_id = auth.uid());
create policy "Team tasks are visible to the team owner" on public.tasks
  for select to authenticated
  using (team_id in (select id from public.teams where owner_id = auth.uid()));
create policy "Team owners add tasks" on public.tasks
  for insert to authenticated
  with check (team_id in (select id from public.teams where owner_id = auth.uid()));
create policy "Done tasks stay done" on public.tasks as restrictive
  for update to authenticated using (status <> 'done');
create policy "Team owners update tasks" on public.tasks
  for update to authenticated
  using (team_id in (select id from public.teams where owner_id = auth.uid()));
alter publication supabase_realtime add table public.tasks;
-- ==== migration 20240101000300_storage.sql ====
insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true);
create policy "Avatar images are publicly accessible." on storage.objects
  for select using (bucket_id = 'avatars');
create policy "Anyone can upload an avatar." on storage.objects
  for insert with check (bucket_id = 'avatars');
-- ==== seed.sql ====
insert into auth.users (id, email, raw_user_meta_data) values
  ('11111111-1111-4111-8111-111111111111', 'ada@example.com',
   '{"full_name": "Ada Lovelace", "username": "ada", "avatar_url": "ada.png"}'),
  ('22222222-2222-4222-8222-222222222222', 'alan@example.com',
   '{"full_name": "Alan Turing", "username": "alan"}');
insert into public.teams (name, owner_id) values
  ('Engines', '11111111-1111-4111-8111-111111111111'),
  ('Codebreakers', '22222222-2222-4222-8222-222222222222');
insert into public.tasks (team_id, assignee_id, title, status) values
  (1, '11111111-1111-4111-8111-111111111111', 'Notes on the engine', 'doing'),
  (1, '22222222-2222-4222-8222-222222222222', 'Review the notes', 'todo'),
  (2, '22222222-2222-4222-8222-222222222222', 'Bombe', 'done');
insert into storage.objects (bucket_id, name, owner) values
  ('avatars', 'ada.png', '11111111-1111-4111-8111-111111111111');
select username, full_name, avatar_url from public.profiles order by username;
\d storage.objects
\dp storage.*
-- ==== what the app does, as a signed-in user ====
begin;
set local role authenticated;
select set_config('request.jwt.claims',
  '{"sub": "11111111-1111-4111-8111-111111111111", "role": "authenticated"}', true);
select current_user, auth.uid(), auth.role(), auth.jwt() ->> 'sub' as sub;
select name from public.teams order by id;
select title, status from public.tasks order by id;
insert into public.tasks (team_id, title) values (1, 'Translate the memoir');
-- a task for a team the user does not own: row security refuses it
insert into public.tasks (team_id, title) values (2, 'Sneak in');
rollback;
begin;
set local role authenticated;
select set_config('request.jwt.claims', '{"sub": "22222222-2222-4222-8222-222222222222"}', true);
update public.tasks set title = upper(title) returning id, title;
-- Ada's team exists (the key check would find it), but Alan's policies refuse the row
insert into public.tasks (team_id, title) values (1, 'not allowed by policy');
rollback;
begin;
set local role anon;
select count(*) from public.profiles;
select count(*) from public.teams;
select name from storage.objects;
insert into storage.objects (bucket_id, name) values ('avatars', 'anon.png');
insert into storage.objects (bucket_id, name) values ('private', 'x.png');
rollback;
select current_setting('request.jwt.claims', true) as claims_after_rollback, auth.uid();
-- ==== the foreign-key workload ====
-- a task for a team that does not exist
insert into public.tasks (team_id, title) values (99, 'orphan');
-- a profile without its user
insert into public.profiles (id, username) values ('33333333-3333-4333-8333-333333333333', 'ghost');
-- a bucket that still holds objects
delete from storage.buckets where id = 'avatars';
-- a team with tasks: they go with it
delete from public.teams where name = 'Codebreakers';
select t.title, t.status, tm.name from public.tasks t join public.teams tm on tm.id = t.team_id order by t.id;
-- a user: the profile goes with it, the tasks assigned to it stay, unassigned
delete from auth.users where email = 'alan@example.com';
select id, team_id, assignee_id, title from public.tasks order by id;
-- the owner of a team: profile, team and the team's tasks cascade
delete from auth.users where email = 'ada@example.com';
select count(*) as tasks_left from public.tasks;
select username from public.profiles;
delete from storage.objects where name = 'ada.png';
delete from storage.buckets where id = 'avatars';
-- ==== clean up the cluster-wide roles ====
drop owned by anon, authenticated, service_role;
drop role anon;
drop role authenticated;
drop role service_role;
