-- Interactive psql: command tags after each statement, \x expanded display, \timing.
CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, name text);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users ON DELETE CASCADE, title text);
INSERT INTO users VALUES (1, 'ann@example.com', 'Ann'), (2, 'bob@example.com', NULL);
INSERT INTO posts VALUES (10, 1, 'hello'), (11, 1, 'again'), (12, 2, 'multi
line');
\x
SELECT * FROM users ORDER BY id;
SELECT * FROM posts ORDER BY id;
SELECT * FROM users WHERE id < 0;
SELECT 1 AS a, NULL AS b;
SELECT id AS a_rather_long_column_name, title FROM posts WHERE id = 10;
SELECT value, value * 2 AS twice FROM generate_series(1, 11) AS value;
\dt
\dn
\d users
\x off
\x on
UPDATE users SET name = 'X' WHERE id = 2 RETURNING *;
DELETE FROM posts WHERE id = 12 RETURNING id;
\x auto
SELECT * FROM users ORDER BY id;
\x
\x maybe
\timing
SELECT 1;
\timing off
\timing on
DELETE FROM nosuch;
\timing nope
\timing
UPDATE users SET name = 'Y';
DELETE FROM users WHERE id = 1;
SELECT count(*) FROM posts;
BEGIN;
INSERT INTO posts VALUES (99, 42, 'x');
COMMIT;
BEGIN;
COMMIT;
COMMIT;
ROLLBACK;
BEGIN;
SAVEPOINT a;
RELEASE a;
SAVEPOINT b;
ROLLBACK TO b;
ROLLBACK TO SAVEPOINT b;
SET CONSTRAINTS ALL DEFERRED;
END;
;
INSERT INTO posts SELECT g, NULL, 'bulk' FROM generate_series(100, 104) AS g;
UPDATE posts SET title = 'none' WHERE false;
TRUNCATE posts;
CREATE INDEX ON posts (title);
CREATE SCHEMA s;
DROP SCHEMA s;
ALTER TABLE posts ADD COLUMN x int;
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t BEFORE INSERT ON posts FOR EACH ROW EXECUTE FUNCTION f();
DROP TRIGGER t ON posts;
DROP FUNCTION f();
INSERT INTO posts VALUES (1, NULL, 'a') ON CONFLICT DO NOTHING;
INSERT INTO posts VALUES (1, NULL, 'a') ON CONFLICT DO NOTHING;
DROP TABLE IF EXISTS nothing;
CREATE TABLE IF NOT EXISTS posts (id int);
\d nothing
CREATE TABLE later (id int PRIMARY KEY, users_id int REFERENCES users DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO later VALUES (1, 77);
COMMIT;
DROP TABLE later, posts, users;
\dt
