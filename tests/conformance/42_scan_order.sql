-- The order a statement meets rows in is its plan's: a sequential scan meets them in heap
-- order (an updated row's new version at the end), a bitmap heap scan (a range or IN on an
-- indexed column) in the order of the index entries' heap slots — for a row updated without
-- changing an indexed column (a HOT update) that is its first slot — and an index scan in key
-- order. The first row met decides which key an error names.
CREATE TABLE parent (a int, b int, v int, PRIMARY KEY (a, b));
CREATE TABLE child (id int PRIMARY KEY, a int, b int, FOREIGN KEY (a, b) REFERENCES parent);
INSERT INTO parent VALUES (3, 1, 0), (4, 1, 0), (5, 1, 0);
INSERT INTO child VALUES (1, 3, 1), (2, 4, 1), (3, 5, 1);
-- A HOT update: v is in no index. The row's new version goes to the end of the heap...
UPDATE parent SET v = v + 1 WHERE a = 3 AND b = 1;
SELECT * FROM parent;
-- ...but a range on the key is a bitmap heap scan, which meets it first.
SELECT * FROM parent WHERE a > 2;
DELETE FROM parent WHERE a > 2;
-- Setting a key column to the value it has is HOT too.
UPDATE parent SET b = 1 WHERE a = 4;
SELECT * FROM parent WHERE a IN (5, 4, 3);
DELETE FROM parent WHERE a IN (5, 4);
-- Changing an indexed column is not HOT: the row moves to the end for every scan.
UPDATE parent SET b = 2 WHERE a = 3;
UPDATE child SET b = 2 WHERE id = 1;
SELECT * FROM parent WHERE a > 2;
DELETE FROM parent WHERE a BETWEEN 3 AND 5;
-- A condition no index serves is a sequential scan: heap order.
SELECT * FROM parent WHERE a + 0 > 2;
DELETE FROM parent WHERE a + 0 > 2;
SELECT * FROM parent WHERE v = 1;
-- Text keys: a range on a table of wide rows is estimated to match too many rows for the
-- index to pay, so it is a sequential scan; equality and IN still use the index.
CREATE TABLE tp (id text PRIMARY KEY, k1 text, k2 text, v text, w text, x text);
INSERT INTO tp VALUES ('a', 'x', 'x', 'v', 'w', 'x'), ('b', 'x', 'x', 'v', 'w', 'x'), ('c', 'x', 'x', 'v', 'w', 'x');
UPDATE tp SET v = 'u' WHERE id = 'a';
SELECT id, v FROM tp WHERE id > '0';
SELECT id, v FROM tp WHERE id IN ('c', 'a', 'b');
SELECT id, v FROM tp WHERE id BETWEEN 'a' AND 'c';
-- UPDATE meets rows in its plan's order too, and the unique check names the row it reaches.
CREATE TABLE u (id int PRIMARY KEY, k int UNIQUE, v int);
INSERT INTO u VALUES (1, 10, 0), (2, 20, 0), (3, 30, 0);
UPDATE u SET v = 1 WHERE id = 1;
UPDATE u SET k = 40 WHERE id >= 1 RETURNING *;
UPDATE u SET k = k + 10 WHERE id >= 1 RETURNING *;
UPDATE u SET k = k + 10 WHERE id + 0 >= 1 RETURNING *;
SELECT * FROM u WHERE k IS NOT NULL;
SELECT * FROM u WHERE k > 0 AND v = 1;
-- A changed indexed column: not HOT, so even the bitmap heap scan meets the row last.
UPDATE u SET k = 15 WHERE id = 1;
SELECT * FROM u WHERE id > 0;
UPDATE u SET v = 2 WHERE id = 2;
SELECT * FROM u WHERE id > 0;
SELECT * FROM u WHERE id IN (1, 2, 3);
SELECT * FROM u;
-- ROLLBACK leaves the chain as it was.
BEGIN;
UPDATE u SET v = 3 WHERE id = 3;
ROLLBACK;
SELECT * FROM u WHERE id > 0;
SELECT * FROM u;
