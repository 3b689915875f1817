-- psql's \d lists a table's triggers after its foreign keys.
CREATE SCHEMA auth;
CREATE TABLE auth.users (id int PRIMARY KEY, email text);
CREATE TABLE profiles (id int PRIMARY KEY REFERENCES auth.users ON DELETE CASCADE, note text);
CREATE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public.profiles (id) VALUES (new.id);
  RETURN new;
END;
$$;
CREATE FUNCTION auth.stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$;
CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE PROCEDURE public.handle_new_user();
CREATE TRIGGER b_stamp BEFORE INSERT OR UPDATE OF email OR DELETE ON auth.users FOR EACH ROW WHEN (NEW.email IS NOT NULL) EXECUTE FUNCTION auth.stamp();
CREATE TRIGGER c_stamp BEFORE INSERT OR UPDATE OF email, id OR DELETE ON auth.users FOR EACH ROW WHEN (OLD.email IS NOT NULL) EXECUTE FUNCTION auth.stamp();
CREATE TRIGGER b_stamp BEFORE UPDATE OF email OR INSERT ON auth.users FOR EACH ROW WHEN (NEW.email IS NOT NULL AND NEW.id > 0) EXECUTE FUNCTION auth.stamp();
CREATE TRIGGER note_upd BEFORE UPDATE ON profiles FOR EACH ROW EXECUTE FUNCTION auth.stamp();
\d auth.users
\d profiles
DROP FUNCTION auth.stamp();
DROP FUNCTION auth.stamp() CASCADE;
\d profiles
