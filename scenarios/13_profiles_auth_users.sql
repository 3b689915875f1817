-- # Supabase: profiles and auth.users
--
-- The most common 23503 in the wild. public.profiles references auth.users: insert a profile
-- before its user exists and it fails; delete a user who has a profile and that fails too.
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text, raw_user_meta_data jsonb);
CREATE TABLE public.profiles (
  id uuid NOT NULL REFERENCES auth.users,
  first_name text,
  PRIMARY KEY (id)
);
INSERT INTO public.profiles VALUES ('0b6f1c2e-8d9a-4e5f-9a7b-1c2d3e4f5a6b', 'Ada');   -- expect: error 23503 profiles_id_fkey
INSERT INTO auth.users (id, email) VALUES ('0b6f1c2e-8d9a-4e5f-9a7b-1c2d3e4f5a6b', 'ada@example.com');
INSERT INTO public.profiles VALUES ('0b6f1c2e-8d9a-4e5f-9a7b-1c2d3e4f5a6b', 'Ada');   -- expect: ok
DELETE FROM auth.users;   -- expect: error 23503 profiles_id_fkey

-- The fix, part 1: deleting a user takes the profile along.
ALTER TABLE public.profiles DROP CONSTRAINT profiles_id_fkey;
ALTER TABLE public.profiles ADD CONSTRAINT profiles_id_fkey
  FOREIGN KEY (id) REFERENCES auth.users ON DELETE CASCADE;
-- The fix, part 2: a trigger creates the profile when the user signs up, so the parent
-- always exists first.
create function public.handle_new_user()
returns trigger
language plpgsql
security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, first_name)
  values (new.id, new.raw_user_meta_data ->> 'first_name');
  return new;
end;
$$;
create trigger on_auth_user_created
  after insert on auth.users
  for each row execute procedure public.handle_new_user();
INSERT INTO auth.users (id, email, raw_user_meta_data)
  VALUES ('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'grace@example.com', '{"first_name": "Grace"}');   -- expect: ok
SELECT first_name FROM public.profiles ORDER BY first_name;
DELETE FROM auth.users;   -- expect: ok
SELECT count(*) FROM public.profiles;
