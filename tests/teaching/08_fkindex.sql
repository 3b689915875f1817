-- \fkindex lists the foreign keys no index serves, with the CREATE INDEX for each.
\fkindex
CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors, editor_id int REFERENCES authors);
CREATE INDEX ON books (author_id);
CREATE TABLE editions (book_id int REFERENCES books, n int, PRIMARY KEY (book_id, n));
CREATE SCHEMA shop;
CREATE TABLE shop."Reviews" (id int PRIMARY KEY, book_id int, n int, FOREIGN KEY (n, book_id) REFERENCES editions (n, book_id));
\fkindex
CREATE INDEX ON books (editor_id);
CREATE INDEX ON shop."Reviews" (book_id, n, id);
\fkindex
