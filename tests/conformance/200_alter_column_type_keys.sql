-- ALTER COLUMN ... TYPE on key columns: values convert, the keys over the column are checked again.
CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE child (pid int REFERENCES parent, pcode varchar(10) REFERENCES parent (code), note text);
INSERT INTO parent VALUES (1, 'a'), (2, 'bb'), (3, 'ccc');
INSERT INTO child VALUES (1, 'a', 'x'), (2, 'bb', '12'), (NULL, NULL, 'n');
-- widening both sides keeps the key
ALTER TABLE parent ALTER COLUMN id TYPE bigint;
ALTER TABLE child ALTER COLUMN pid TYPE bigint;
INSERT INTO child VALUES (9, NULL, 'no parent');
DELETE FROM parent WHERE id = 1;
-- integer to numeric: the stored values change and the index moves with them
ALTER TABLE parent ALTER COLUMN id TYPE numeric;
INSERT INTO parent VALUES (2, 'dup');
INSERT INTO parent VALUES (4.5, 'd');
SELECT * FROM parent ORDER BY id;
-- key columns of types with no common equality operator
ALTER TABLE child ALTER COLUMN pid TYPE text;
ALTER TABLE parent ALTER COLUMN code TYPE int;
-- no assignment cast from text, even for values that would convert
ALTER TABLE child ALTER COLUMN note TYPE int;
DELETE FROM child WHERE note <> '12';
ALTER TABLE child ALTER COLUMN note TYPE int;
-- a value that does not fit the new type
ALTER TABLE child ALTER COLUMN pcode TYPE varchar(1);
ALTER TABLE parent ALTER COLUMN id TYPE smallint;
UPDATE parent SET id = 40000 WHERE id = 3;
ALTER TABLE parent ALTER COLUMN id TYPE smallint;
ALTER TABLE child ALTER COLUMN missing TYPE int;
ALTER TABLE child ALTER COLUMN pid SET DATA TYPE int;
-- rolled back with its transaction
BEGIN;
ALTER TABLE child ALTER COLUMN pcode TYPE text;
ROLLBACK;
\d child
SELECT * FROM child;
