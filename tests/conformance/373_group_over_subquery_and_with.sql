-- GROUP BY and DISTINCT over a subquery in FROM or a WITH query, unordered: a plain one-table
-- subquery (and a plain WITH query read once, which PostgreSQL 15 inlines) is pulled up onto its
-- table, another WITH query (a data-modifying one too) is read by a CTE Scan; either way the
-- groups come in the order of the HashAggregate's table sized by the planner's estimate.
CREATE TABLE p (id text PRIMARY KEY, k1 text, k2 text, v text);
CREATE TABLE c (id text PRIMARY KEY, k1 text, k2 text, v text, pid text REFERENCES p ON DELETE CASCADE);
INSERT INTO p SELECT i::text, (i % 4)::text, (i % 3)::text, 'v' || i FROM generate_series(1, 40) i;
INSERT INTO c SELECT i::text, (i % 4)::text, (i % 3)::text, 'v' || (i % 5), ((i * 7) % 40 + 1)::text FROM generate_series(1, 60) i;
SELECT pid, count(*) FROM (SELECT * FROM c WHERE k1 IS NOT NULL) s GROUP BY pid;
SELECT pid, count(*) FROM (SELECT id, pid, v FROM c WHERE k1 <> '1') s WHERE v <> 'v2' GROUP BY pid;
SELECT DISTINCT k1, pid FROM (SELECT * FROM c) s;
SELECT DISTINCT v FROM (SELECT id, v FROM c WHERE id > '3') s;
WITH w AS (SELECT id, pid FROM c WHERE k2 IS NOT NULL) SELECT pid, count(*) FROM w GROUP BY pid;
WITH w AS (SELECT id, pid FROM c WHERE k2 IS NOT NULL) SELECT pid, count(*) FROM w GROUP BY pid HAVING pid <> (SELECT min(pid) FROM w);
WITH w AS (SELECT id, pid, v FROM c) SELECT DISTINCT v FROM w;
WITH moved AS (UPDATE c SET v = v || 'w' WHERE pid IS NOT NULL RETURNING id, pid) SELECT pid, count(*) FROM moved GROUP BY pid;
WITH moved AS (UPDATE c SET v = v || 'w' WHERE k1 = '1' RETURNING id, pid, v) SELECT pid, count(*) FROM moved GROUP BY pid;
WITH gone AS (DELETE FROM p WHERE k1 = '2' RETURNING id, k2) SELECT k2, count(*) FROM gone GROUP BY k2;
WITH gone AS (DELETE FROM c WHERE id > '5' RETURNING id, pid, v) SELECT DISTINCT pid FROM gone WHERE v IS NOT NULL;
-- The same over int keys, after deletes and key updates moved rows.
CREATE TABLE ip (id int PRIMARY KEY, k1 int, k2 int, v text);
CREATE TABLE ic (id int PRIMARY KEY, k1 int, k2 int, v text, pid int REFERENCES ip ON UPDATE CASCADE ON DELETE SET NULL);
INSERT INTO ip SELECT i, i % 4, i % 3, 'v' || i FROM generate_series(1, 40) i;
INSERT INTO ic SELECT i, i % 4, i % 3, 'v' || (i % 5), (i * 7) % 40 + 1 FROM generate_series(1, 60) i;
DELETE FROM ip WHERE id % 9 = 0;
UPDATE ip SET id = id + 100 WHERE k2 = 1;
SELECT pid, count(*) FROM (SELECT * FROM ic WHERE k1 IS NOT NULL) s GROUP BY pid;
WITH w AS (SELECT id, pid FROM ic WHERE k2 IS NOT NULL) SELECT pid, count(*) FROM w GROUP BY pid;
SELECT DISTINCT pid FROM (SELECT id, pid FROM ic) s;
WITH moved AS (UPDATE ic SET v = v || 'w' WHERE pid IS NOT NULL RETURNING id, pid) SELECT pid, count(*) FROM moved GROUP BY pid;
WITH moved AS (UPDATE ic SET v = v || 'w' WHERE pid IS NOT NULL RETURNING id, pid) SELECT DISTINCT pid FROM moved;
