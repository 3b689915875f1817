-- A Supabase-style migration: profiles keyed to users, helper functions, a signup procedure
CREATE SCHEMA app;
CREATE TABLE app.users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE public.profiles (
  id uuid PRIMARY KEY REFERENCES app.users (id) ON DELETE CASCADE,
  username text UNIQUE CHECK (char_length(username) >= 3),
  updated_at timestamptz
);
CREATE TABLE public.posts (
  id bigint PRIMARY KEY,
  author_id uuid NOT NULL REFERENCES public.profiles (id),
  title text NOT NULL
);
CREATE FUNCTION public.create_profile(p_id uuid, p_username text)
RETURNS text
LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public
AS $$
DECLARE
  v_state text;
  v_msg text;
BEGIN
  INSERT INTO profiles (id, username) VALUES (p_id, p_username);
  RETURN 'created';
EXCEPTION
  WHEN foreign_key_violation THEN
    GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
    RAISE WARNING 'no user %: % (%)', p_id, v_msg, v_state;
    RETURN 'no such user';
  WHEN unique_violation THEN
    RETURN 'username taken';
  WHEN check_violation THEN
    RETURN 'username too short';
END;
$$;
CREATE PROCEDURE app.seed(n int)
LANGUAGE plpgsql AS $$
DECLARE
  i int;
  uid uuid;
BEGIN
  FOR i IN 1..n LOOP
    uid := ('00000000-0000-0000-0000-00000000000' || i)::uuid;
    INSERT INTO app.users VALUES (uid, format('user%s@example.com', i));
    PERFORM public.create_profile(uid, 'user_' || i);
  END LOOP;
END;
$$;
CALL app.seed(3);
SELECT public.create_profile('00000000-0000-0000-0000-000000000009', 'ghost');
SELECT public.create_profile('00000000-0000-0000-0000-000000000001', 'again');
INSERT INTO app.users VALUES ('00000000-0000-0000-0000-000000000004', 'four@example.com');
SELECT public.create_profile('00000000-0000-0000-0000-000000000004', 'user_1');
SELECT public.create_profile('00000000-0000-0000-0000-000000000004', 'x');
SELECT public.create_profile('00000000-0000-0000-0000-000000000004', 'four');
SELECT id, username FROM profiles ORDER BY username;
-- posts: insert in bulk, skipping authors that do not exist, reporting counts
CREATE TABLE staging_posts (id bigint, author_id uuid, title text);
INSERT INTO staging_posts VALUES
  (1, '00000000-0000-0000-0000-000000000001', 'hello'),
  (2, '00000000-0000-0000-0000-000000000008', 'orphan'),
  (3, '00000000-0000-0000-0000-000000000002', 'second');
CREATE FUNCTION public.import_posts(source text) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  n int := 0;
  skipped int := 0;
BEGIN
  FOR r IN EXECUTE format('SELECT id, author_id, title FROM %I ORDER BY id', source) LOOP
    BEGIN
      EXECUTE format('INSERT INTO %I.%I VALUES ($1, $2, $3)', 'public', 'posts')
        USING r.id, r.author_id, r.title;
      n := n + 1;
    EXCEPTION WHEN foreign_key_violation THEN
      skipped := skipped + 1;
      RAISE NOTICE 'skipped "%": %', r.title, SQLERRM;
    END;
  END LOOP;
  RAISE NOTICE '% imported, % skipped', n, skipped;
  RETURN n;
END;
$$;
SELECT public.import_posts('staging_posts');
SELECT p.id, p.title, pr.username FROM posts p JOIN profiles pr ON pr.id = p.author_id ORDER BY p.id;
-- deleting a user cascades to the profile, which posts still reference
DELETE FROM app.users WHERE id = '00000000-0000-0000-0000-000000000001';
DO $$
BEGIN
  DELETE FROM app.users WHERE id = '00000000-0000-0000-0000-000000000001';
EXCEPTION WHEN foreign_key_violation THEN
  RAISE NOTICE 'kept user 1: %', SQLERRM;
  DELETE FROM posts WHERE author_id = '00000000-0000-0000-0000-000000000001';
  DELETE FROM app.users WHERE id = '00000000-0000-0000-0000-000000000001';
  RAISE NOTICE 'deleted user 1 after removing their posts';
END $$;
SELECT count(*) AS users, (SELECT count(*) FROM profiles) AS profiles, (SELECT count(*) FROM posts) AS posts FROM app.users;
