-- Counts, filtered aggregates and joins that read columns in place: the live rows of the
-- statement's snapshot, whatever the transaction did before.
CREATE TABLE p (id int PRIMARY KEY, name text, score numeric);
CREATE TABLE c (id int PRIMARY KEY, pid int, amount int);
INSERT INTO p SELECT g, 'p' || g, g FROM generate_series(1, 5) AS g;
INSERT INTO c SELECT g, CASE WHEN g % 7 = 0 THEN 99 ELSE g % 5 + 1 END, g % 4 FROM generate_series(1, 40) AS g;
SELECT count(*) FROM c;
SELECT count(*), count(*) FROM c;
SELECT count(*) FROM c WHERE false;
SELECT count(amount), count(*) FILTER (WHERE amount > 1) FROM c;
BEGIN;
DELETE FROM c WHERE id <= 10;
SELECT count(*) FROM c;
SAVEPOINT s;
INSERT INTO c VALUES (100, 1, 1), (101, 2, 2);
DELETE FROM c WHERE id > 30;
SELECT count(*) FROM c;
ROLLBACK TO SAVEPOINT s;
SELECT count(*) FROM c;
UPDATE c SET amount = amount + 1 WHERE id % 3 = 0;
SELECT count(*), sum(amount) FROM c WHERE amount > 1;
ROLLBACK;
SELECT count(*), sum(amount) FROM c WHERE amount > 1;
SELECT count(*) FROM c HAVING count(*) > 100;
DELETE FROM c;
SELECT count(*) FROM c;
INSERT INTO c SELECT g, CASE WHEN g % 7 = 0 THEN 99 ELSE g % 5 + 1 END, g % 4 FROM generate_series(1, 40) AS g;
-- A WHERE on the hashed side only, per parent; a WHERE on both sides; the orphan check.
SELECT count(*) FROM c JOIN p ON p.id = c.pid WHERE p.name <> 'p3';
SELECT c.id, p.name FROM c JOIN p ON p.id = c.pid WHERE p.name IN ('p1', 'p2') AND c.id < 20;
SELECT c.id, p.name FROM c JOIN p ON p.id = c.pid WHERE p.name LIKE 'p%' OR c.amount = 0;
SELECT count(*) FROM c LEFT JOIN p ON p.id = c.pid WHERE p.id IS NULL;
SELECT c.id FROM c LEFT JOIN p ON p.id = c.pid WHERE p.id IS NULL;
-- A WHERE on the hashed side that fails only for a parent some row joins with.
SELECT count(*) FROM c JOIN p ON p.id = c.pid WHERE 10 / (p.id - 3) > 0;
-- A numeric key probing integer keys.
SELECT c.id, p.id FROM p JOIN c ON c.pid = p.score WHERE c.id < 8;
SELECT count(*) FROM c JOIN p ON p.score = c.pid;
