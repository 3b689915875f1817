-- Schemas: qualified names, the default search_path, and dropping a schema with what is in it.
CREATE SCHEMA auth;
CREATE SCHEMA auth;
CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE auth.users (id int PRIMARY KEY, email text UNIQUE);
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE profiles (id int PRIMARY KEY REFERENCES auth.users ON DELETE CASCADE, local_id int REFERENCES users);
INSERT INTO auth.users VALUES (1, 'a@example.com');
INSERT INTO users VALUES (2);
INSERT INTO profiles VALUES (1, 2);
INSERT INTO profiles VALUES (2, 2);
SELECT * FROM users;
SELECT * FROM auth.users;
SELECT * FROM public.profiles;
SELECT * FROM nope.users;
CREATE TABLE nope.t (id int);
DELETE FROM auth.users;
SELECT count(*) FROM profiles;
DROP SCHEMA auth;
DROP SCHEMA auth CASCADE;
\d profiles
DROP SCHEMA IF EXISTS auth;
DROP SCHEMA nope;
