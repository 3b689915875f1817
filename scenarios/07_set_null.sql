-- # ON DELETE SET NULL
--
-- Keep the children, forget their parent: the referencing columns become NULL. A NOT NULL
-- column cannot take that, and the delete fails with a not-null violation instead.
CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES authors ON DELETE SET NULL, title text);
INSERT INTO authors VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO posts VALUES (10, 1, 'Notes'), (11, 2, 'Compilers');

DELETE FROM authors WHERE id = 1;   -- expect: ok
SELECT * FROM posts ORDER BY id;

CREATE TABLE reviews (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors ON DELETE SET NULL);
INSERT INTO reviews VALUES (1, 2);
DELETE FROM authors WHERE id = 2;   -- expect: error 23502
