-- # TRUNCATE and DROP TABLE blocked by a key
--
-- TRUNCATE empties a table without deleting row by row: no ON DELETE action runs, not even
-- CASCADE. So PostgreSQL refuses to truncate a referenced table on its own, whatever the
-- action, and TRUNCATE ... CASCADE empties every referencing table completely, rows that
-- reference nothing included. DROP TABLE is refused while a key depends on the table;
-- DROP ... CASCADE drops the key, not the rows that used it.
CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (id int PRIMARY KEY, title text NOT NULL,
  author_id int REFERENCES authors ON DELETE CASCADE);
INSERT INTO authors VALUES (1, 'Ann'), (2, 'Bo');
INSERT INTO books VALUES (10, 'First', 1), (11, 'Second', 1), (20, 'Third', 2), (30, 'Anonymous', NULL);

-- ON DELETE CASCADE makes a DELETE take the books along ...
DELETE FROM authors WHERE id = 2;   -- expect: ok
SELECT * FROM books ORDER BY id;
-- ... but TRUNCATE runs no action: refused while books references authors.
TRUNCATE authors;   -- expect: error 0A000
-- Truncating both at once is allowed (nothing is left to reference anything).
BEGIN;
TRUNCATE authors, books;   -- expect: ok
SELECT count(*) AS books_left FROM books;   -- expect: value 0
ROLLBACK;
-- TRUNCATE ... CASCADE empties books entirely: the anonymous book goes too.
BEGIN;
TRUNCATE authors CASCADE;   -- expect: ok
SELECT count(*) AS books_left FROM books;   -- expect: value 0
ROLLBACK;
-- Only a DELETE keeps the books that reference nothing.
DELETE FROM authors;   -- expect: ok
SELECT * FROM books ORDER BY id;

-- DROP TABLE: the key depends on the table.
DROP TABLE authors;   -- expect: error 2BP01
-- DROP ... CASCADE drops the key; the books stay, and author_id is now an unchecked column.
DROP TABLE authors CASCADE;   -- expect: ok
\d books
INSERT INTO books VALUES (40, 'Orphan', 99);   -- expect: ok
