-- String built-ins with PostgreSQL's results, column names and errors.
SELECT octet_length('é'), char_length('é'), character_length('abc'), btrim('  x '),
       trim('  y '), trim(both 'x' from 'xxaxx'), trim(leading from '  a  ') AS l,
       rtrim('xxa  '), ltrim('xxa', 'x');
SELECT substring('hello' from 2 for 3), substring('hello', -1, 3), substring('hello', 2),
       substring('hello' for 2), substr('hello', 2, 1), position('l' in 'hello'),
       strpos('abc', 'c'), strpos('abc', 'z');
SELECT substring('hello', 2, -1);
SELECT concat('a', 1, NULL, true, 2.50), concat_ws('-', 1, NULL, 'b'), replace('aXa', 'a', 'b'),
       replace('abc', '', 'z'), md5('a'), md5(''), left('hello', 2), left('hello', -2),
       right('hello', 2), right('hello', -2);
SELECT split_part('a,b,c', ',', 2), split_part('a,b,c', ',', -1), split_part('a,b', ',', 5),
       split_part('abc', '', 1);
SELECT split_part('a,b', ',', 0);
SELECT regexp_replace('abc', 'b', 'x'), regexp_replace('aXbXc', 'x', '_', 'gi'),
       regexp_replace('abcb', '(b)', '[\1]'), regexp_replace('abcb', 'b', '-', 'g');
SELECT 'abc' ~ 'b', 'abc' ~* 'B', 'abc' !~ 'b', 'abc' !~* 'x', NULL ~ 'a';
SELECT 'a' ~ '(';
SELECT greatest(1, 2.5, NULL), least('b', 'a'), greatest(NULL::int, NULL), least(3, 1, 2);
SELECT round(2.345, 2), round(-2.345, 2), round(2.5, 3), round(1234.5, -2), round(2.5),
       round(5), round('2.5'), round(2.5::float8), round(3.5::float8);
SELECT current_user, session_user;
-- Bound when the table is made: unknown functions and columns fail the CREATE.
CREATE TABLE bad (x text CHECK (nofunc(x)));
CREATE TABLE bad (x text DEFAULT nofunc());
CREATE TABLE bad (x text CHECK (y > 0));
CREATE TABLE bad (x text DEFAULT x);
CREATE TABLE profiles (
    username text UNIQUE CHECK (char_length(username) >= 3),
    slug text CHECK (slug ~ '^[a-z0-9-]+$')
);
CREATE TABLE events (at timestamptz NOT NULL DEFAULT timezone('utc'::text, now()));
INSERT INTO events DEFAULT VALUES;
SELECT at <= now() AS past FROM events;
\d events
ALTER TABLE profiles ALTER COLUMN slug SET DEFAULT nofunc(1);
ALTER TABLE profiles ADD CHECK (nofunc(slug));
ALTER TABLE profiles ADD COLUMN y int DEFAULT nofunc(1);
INSERT INTO profiles (username, slug) VALUES ('ab', 'ok');
INSERT INTO profiles (username, slug) VALUES ('abc', 'Not OK');
INSERT INTO profiles (username, slug) VALUES ('abc', 'ok-1');
SELECT username, slug FROM profiles;
\d profiles
