-- "Foreign keys without an index": the catalog queries linters run. A foreign key whose
-- referencing columns do not lead an index makes every delete or key update on the referenced
-- table scan the referencing one.
CREATE TABLE authors (id int PRIMARY KEY, name text);
CREATE TABLE books (
  id int PRIMARY KEY,
  author_id int REFERENCES authors,
  editor_id int REFERENCES authors,
  title text
);
CREATE INDEX books_author_id_idx ON books (author_id);
CREATE TABLE editions (
  book_id int REFERENCES books,
  n int,
  PRIMARY KEY (book_id, n)
);
CREATE TABLE reviews (
  id int PRIMARY KEY,
  book_id int,
  edition_n int,
  reviewer_id int REFERENCES authors,
  FOREIGN KEY (book_id, edition_n) REFERENCES editions
);
CREATE INDEX reviews_edition_idx ON reviews (edition_n, book_id);

-- Each foreign key, its columns, and whether an index starts with them.
SELECT c.conrelid::regclass::text AS table_name, c.conname, c.conkey,
       EXISTS (
         SELECT 1 FROM pg_index i
         WHERE i.indrelid = c.conrelid
           AND (i.indkey::text || ' ') LIKE replace(trim(both '{}' FROM c.conkey::text), ',', ' ') || ' %'
       ) AS indexed
FROM pg_constraint c
WHERE c.contype = 'f'
ORDER BY 1, 2;

-- The unindexed ones, with their column names and the fix.
SELECT c.conrelid::regclass::text AS table_name, c.conname,
       (SELECT string_agg(a.attname, ', ') FROM pg_attribute a
        WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)) AS columns
FROM pg_constraint c
WHERE c.contype = 'f'
  AND NOT EXISTS (
    SELECT 1 FROM pg_index i
    WHERE i.indrelid = c.conrelid
      AND (i.indkey::text || ' ') LIKE replace(trim(both '{}' FROM c.conkey::text), ',', ' ') || ' %')
ORDER BY 1, 2;

-- The same question through information_schema: key columns with no index at all.
SELECT kcu.table_name, kcu.column_name, kcu.constraint_name
FROM information_schema.table_constraints tc
JOIN information_schema.key_column_usage kcu
  ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
WHERE tc.constraint_type = 'FOREIGN KEY'
  AND NOT EXISTS (
    SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid
    WHERE i.indrelid = (kcu.table_name)::regclass
      AND a.attname = kcu.column_name
      AND a.attnum::text = split_part(i.indkey::text, ' ', 1))
ORDER BY 1, 2;

-- Adding the indexes clears the list.
CREATE INDEX ON books (editor_id);
CREATE INDEX ON reviews (book_id, edition_n);
CREATE INDEX ON reviews (reviewer_id);
SELECT count(*) AS unindexed
FROM pg_constraint c
WHERE c.contype = 'f'
  AND NOT EXISTS (
    SELECT 1 FROM pg_index i
    WHERE i.indrelid = c.conrelid
      AND (i.indkey::text || ' ') LIKE replace(trim(both '{}' FROM c.conkey::text), ',', ' ') || ' %');
SELECT indexrelid::regclass::text AS index, indkey FROM pg_index
WHERE indrelid = 'reviews'::regclass ORDER BY 1;
