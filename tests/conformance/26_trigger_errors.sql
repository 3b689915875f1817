-- Errors inside trigger functions carry PostgreSQL's CONTEXT lines.
CREATE SCHEMA auth;
CREATE TABLE auth.users (id int PRIMARY KEY, email text);
CREATE TABLE public.profiles (id int PRIMARY KEY REFERENCES auth.users ON DELETE CASCADE, team_id int);
CREATE TABLE teams (id int PRIMARY KEY);
ALTER TABLE profiles ADD FOREIGN KEY (team_id) REFERENCES teams;
-- a trigger whose insert violates a foreign key
CREATE FUNCTION public.handle_new_user() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
BEGIN
  INSERT INTO public.profiles (id, team_id)
  VALUES (new.id, 7);
  RETURN new;
END;
$$;
CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users
  FOR EACH ROW EXECUTE PROCEDURE public.handle_new_user();
INSERT INTO auth.users VALUES (1, 'a@example.com');
SELECT count(*) FROM auth.users;
INSERT INTO teams VALUES (7);
INSERT INTO auth.users VALUES (1, 'a@example.com');
SELECT * FROM profiles;
-- with search_path = '' an unqualified name is not found
CREATE OR REPLACE FUNCTION public.handle_new_user() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
BEGIN
  INSERT INTO profiles (id) VALUES (new.id);
  RETURN new;
END;
$$;
INSERT INTO auth.users VALUES (2, 'b@example.com');
-- RAISE EXCEPTION stops the statement
CREATE FUNCTION guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  limit_id int := 100;
BEGIN
  IF NEW.id > limit_id THEN
    RAISE EXCEPTION 'team % is too large (limit %)', NEW.id, limit_id;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER guard BEFORE INSERT ON teams FOR EACH ROW EXECUTE FUNCTION guard();
INSERT INTO teams VALUES (5), (500);
SELECT * FROM teams ORDER BY id;
-- a function that forgets RETURN
CREATE FUNCTION forgetful() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NULL;
END;
$$;
CREATE TRIGGER forgetful BEFORE UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION forgetful();
UPDATE teams SET id = 8 WHERE id = 5;
DROP FUNCTION forgetful();
DROP TRIGGER forgetful ON teams;
DROP TRIGGER forgetful ON teams;
DROP TRIGGER IF EXISTS forgetful ON teams;
DROP FUNCTION forgetful();
CREATE TRIGGER t AFTER INSERT ON teams FOR EACH ROW EXECUTE FUNCTION nope();
