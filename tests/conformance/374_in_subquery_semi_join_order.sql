-- x IN (subquery) without ORDER BY: PostgreSQL makes it a semi join that the outer table probes
-- (a Hash Semi Join, or a Hash Join over the subquery's distinct values), so the rows come in
-- the order of the outer table's own scan, not of an index scan over the subquery's values.
CREATE TABLE p (id int PRIMARY KEY, k1 int, k2 int, v text);
CREATE TABLE c (id int PRIMARY KEY, k1 int, k2 int, v text, pid int REFERENCES p ON UPDATE CASCADE);
INSERT INTO p SELECT i, i % 4, i % 3, 'v' || i FROM generate_series(1, 40) i;
INSERT INTO c SELECT i, i % 4, i % 3, 'v' || (i % 5), (i * 7) % 40 + 1 FROM generate_series(1, 60) i;
UPDATE p SET v = v || 'x' WHERE id % 3 = 0;
UPDATE c SET pid = 40 - pid WHERE id % 4 = 0;
SELECT id, v FROM p WHERE id IN (SELECT pid FROM c);
SELECT id, v FROM p WHERE id IN (SELECT pid FROM c WHERE k1 = 1);
SELECT id, v FROM p WHERE id IN (SELECT pid FROM c WHERE id < 20);
SELECT id, v FROM p WHERE id IN (SELECT pid FROM c WHERE id IN (1, 2, 3, 8));
SELECT id, v FROM p WHERE id IN (SELECT pid FROM c WHERE id = 5);
SELECT id, v FROM p WHERE k1 = 1 AND id IN (SELECT pid FROM c);
SELECT * FROM c WHERE pid IN (SELECT id FROM p WHERE k2 = 0);
DELETE FROM c WHERE id IN (SELECT pid FROM c WHERE k2 = 1) RETURNING id, pid;
SELECT id FROM p WHERE id NOT IN (SELECT pid FROM c WHERE pid IS NOT NULL);
CREATE TABLE t0 (id text PRIMARY KEY, k1 text, v text, f0a text REFERENCES t0 ON DELETE CASCADE);
INSERT INTO t0 VALUES ('1', '1', 'v1', NULL), ('2', '2', 'v2', '1'), ('3', '3', 'v3', '1'), ('4', '0', 'v4', '2'), ('5', '1', 'v5', '2'), ('6', '2', 'v6', '3'), ('7', '3', 'v7', '3');
UPDATE t0 SET f0a = '6' WHERE id BETWEEN '1' AND '4';
SELECT id, (SELECT p.v FROM t0 p WHERE p.id = c.f0a) AS pv FROM t0 c WHERE id IN (SELECT f0a FROM t0);
DELETE FROM t0 WHERE id IN (SELECT f0a FROM t0 WHERE k1 <> '2') RETURNING id;
SELECT * FROM t0 WHERE id IN (SELECT f0a FROM t0);
