-- title: A profile for every new user
-- goal: Supabase-style: public.profiles references auth.users. Make signing up (an INSERT into
-- goal: auth.users) create the profile by itself, copying first_name from raw_user_meta_data,
-- goal: and make deleting a user take the profile along.
-- hint: An AFTER INSERT trigger on auth.users can insert the profile; NEW.id is the new user's id.
-- hint: NEW.raw_user_meta_data ->> 'first_name' gives the name as text.
-- hint: For the delete: recreate profiles_id_fkey with ON DELETE CASCADE, in one ALTER TABLE (DROP CONSTRAINT ..., ADD CONSTRAINT ...).
--- setup
CREATE SCHEMA auth;
CREATE TABLE auth.users (id int PRIMARY KEY, email text, raw_user_meta_data jsonb);
CREATE TABLE public.profiles (id int PRIMARY KEY REFERENCES auth.users, first_name text);
--- check
-- signing up creates the profile
INSERT INTO auth.users VALUES (501, 'barbara@example.com', '{"first_name": "Barbara"}');  -- expect: ok
SELECT first_name FROM public.profiles WHERE id = 501;  -- expect: value Barbara
-- deleting the user takes the profile along
DELETE FROM auth.users WHERE id = 501;  -- expect: ok
SELECT count(*) FROM public.profiles WHERE id = 501;  -- expect: value 0
-- a profile without a user is still refused
INSERT INTO public.profiles VALUES (502, 'Nobody');  -- expect: error 23503
--- solution
ALTER TABLE public.profiles
  DROP CONSTRAINT profiles_id_fkey,
  ADD CONSTRAINT profiles_id_fkey FOREIGN KEY (id) REFERENCES auth.users ON DELETE CASCADE;
CREATE FUNCTION public.handle_new_user() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
BEGIN
  INSERT INTO public.profiles (id, first_name) VALUES (new.id, new.raw_user_meta_data ->> 'first_name');
  RETURN new;
END;
$$;
CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users
  FOR EACH ROW EXECUTE PROCEDURE public.handle_new_user();
--- alternative
ALTER TABLE public.profiles
  DROP CONSTRAINT profiles_id_fkey,
  ADD CONSTRAINT profiles_user_fk FOREIGN KEY (id) REFERENCES auth.users ON DELETE CASCADE;
CREATE FUNCTION public.create_profile() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO public.profiles VALUES (NEW.id, NEW.raw_user_meta_data ->> 'first_name');
  RETURN NULL;
END;
$$;
CREATE TRIGGER profile_for_new_user AFTER INSERT ON auth.users
  FOR EACH ROW EXECUTE FUNCTION public.create_profile();
--- wrong
ALTER TABLE public.profiles DROP CONSTRAINT profiles_id_fkey;
--- data-only
INSERT INTO auth.users VALUES (1, 'grace@example.com', '{"first_name": "Grace"}');
INSERT INTO public.profiles VALUES (1, 'Grace');
