-- UNION / INTERSECT / EXCEPT [ALL] of a parent and its children, unordered, after deletes,
-- cascades and key updates moved rows: the rows come out in the order PostgreSQL's hashed or
-- sorted plan emits them (text and bigint keys hash otherwise than int).
CREATE TABLE p (id text PRIMARY KEY, k1 text, k2 text, v text, UNIQUE (k1, k2));
CREATE TABLE c (id text PRIMARY KEY, k1 text, k2 text, v text, pid text REFERENCES p ON DELETE CASCADE ON UPDATE CASCADE, UNIQUE (k1, k2));
INSERT INTO p SELECT i::text, (i % 4)::text, (i % 3)::text, 'v' || i FROM generate_series(1, 7) i;
INSERT INTO c SELECT i::text, (i % 4)::text, (i % 3)::text, 'v' || (i % 5), (i % 6 + 1)::text FROM generate_series(1, 12) i;
UPDATE p SET id = id || 'x' WHERE k2 = '1';
DELETE FROM p WHERE id = '3';
UPDATE c SET k2 = NULL WHERE id IN ('2', '9');
SELECT id, v FROM p WHERE k1 IS NOT NULL UNION SELECT pid, v FROM c WHERE k2 IS NOT NULL;
SELECT id, v FROM p WHERE true INTERSECT SELECT pid, v FROM c WHERE true;
SELECT id, v FROM p WHERE id <> '2' EXCEPT SELECT pid, v FROM c WHERE pid IS NOT NULL;
SELECT k1 FROM p WHERE true UNION SELECT pid FROM c WHERE true;
SELECT k1 FROM p WHERE true INTERSECT ALL SELECT pid FROM c WHERE true;
SELECT k1 FROM p WHERE true EXCEPT ALL SELECT pid FROM c WHERE k2 IS NOT NULL;
SELECT k1, k2 FROM p WHERE k1 IS NOT NULL EXCEPT SELECT k2, k1 FROM c WHERE true;
SELECT k1, k2 FROM p WHERE true UNION ALL SELECT k2, k1 FROM c WHERE pid IS NOT NULL;
CREATE TABLE bp (id bigint PRIMARY KEY, k1 bigint, v text);
CREATE TABLE bc (id bigint PRIMARY KEY, pid bigint REFERENCES bp ON DELETE SET NULL, v text);
INSERT INTO bp SELECT 3000000000 + i, i % 4, 'v' || (i % 3) FROM generate_series(1, 9) i;
INSERT INTO bc SELECT 3000000000 + i, 3000000000 + i % 5 + 1, 'v' || (i % 4) FROM generate_series(1, 11) i;
DELETE FROM bp WHERE id % 3 = 0;
SELECT id, v FROM bp UNION SELECT pid, v FROM bc;
SELECT id, v FROM bp INTERSECT SELECT pid, v FROM bc;
SELECT id FROM bp EXCEPT SELECT pid FROM bc;
SELECT pid FROM bc EXCEPT ALL SELECT id FROM bp;
SELECT pid, v FROM bc UNION SELECT id, v FROM bp WHERE k1 <> 2;
