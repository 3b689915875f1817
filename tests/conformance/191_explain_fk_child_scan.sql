-- The referencing column without and with an index: every parent delete looks its children
-- up by that column. On a fresh table the index is there to be used; once CREATE INDEX has
-- counted a table's few rows, a sequential scan is cheaper.
CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors (id) ON DELETE CASCADE, title text);
EXPLAIN (COSTS OFF) SELECT * FROM books WHERE author_id = 1;
CREATE INDEX books_author_id_idx ON books (author_id);
EXPLAIN (COSTS OFF) SELECT * FROM books WHERE author_id = 1;
EXPLAIN (COSTS OFF) DELETE FROM books WHERE author_id = 1;
INSERT INTO authors VALUES (1, 'le guin'), (2, 'lem');
INSERT INTO books VALUES (1, 1, 'the dispossessed'), (2, 1, 'lathe of heaven'), (3, 2, 'solaris');
EXPLAIN (COSTS OFF) SELECT * FROM books WHERE author_id = 1;
CREATE TABLE reviews (id int PRIMARY KEY, book_id int REFERENCES books (id), stars int);
INSERT INTO reviews VALUES (1, 1, 5), (2, 1, 4), (3, 3, 5);
EXPLAIN (COSTS OFF) SELECT * FROM reviews WHERE book_id = 1;
CREATE INDEX ON reviews (book_id);
EXPLAIN (COSTS OFF) SELECT * FROM reviews WHERE book_id = 1;
EXPLAIN (COSTS OFF) SELECT * FROM reviews WHERE id = 1;
SELECT * FROM reviews WHERE book_id = 1;
