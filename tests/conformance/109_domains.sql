-- CREATE DOMAIN (NOT NULL, CHECK on VALUE, DEFAULT), keys of a domain type, DROP DOMAIN.
CREATE DOMAIN email AS text CHECK (VALUE ~ '@') NOT NULL;
CREATE DOMAIN posint AS integer DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0) CHECK (VALUE < 1000);
CREATE DOMAIN email AS text;
CREATE DOMAIN bad AS nosuchtype;
CREATE TABLE users (id posint PRIMARY KEY, mail email UNIQUE, n int);
CREATE TABLE posts (author posint REFERENCES users, body text);
\d users
INSERT INTO users (mail) VALUES ('a@x');
INSERT INTO users VALUES (2, 'nope', 1);
INSERT INTO users VALUES (3, NULL, 1);
INSERT INTO users VALUES (0, 'b@x', 1);
INSERT INTO users VALUES (5000, 'b@x', 1);
INSERT INTO posts VALUES (7, 'orphan');
INSERT INTO posts VALUES (1, 'ok');
SELECT * FROM users;
DROP DOMAIN posint;
DROP DOMAIN IF EXISTS nope, nope2;
DROP DOMAIN nope;
DROP TABLE posts, users;
DROP DOMAIN posint, email;
CREATE TABLE t (e email);
