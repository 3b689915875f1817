-- WITH and WITH RECURSIVE (walking a self-referencing key), UNION / INTERSECT / EXCEPT [ALL].
CREATE TABLE emp (id int PRIMARY KEY, boss_id int REFERENCES emp ON DELETE CASCADE, name text);
INSERT INTO emp VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'c'), (5, 4, 'd'), (6, 3, 'e'), (7, NULL, 'other');
WITH big AS (SELECT * FROM emp WHERE id > 3) SELECT name FROM big;
WITH big AS (SELECT * FROM emp WHERE id > 3), bigger AS (SELECT id FROM big WHERE id > 5) SELECT * FROM bigger;
WITH t (x, y) AS (SELECT id, name FROM emp WHERE boss_id = 1) SELECT y, x FROM t ORDER BY x DESC;
-- Everything a cascade from row 2 would reach.
WITH RECURSIVE reach AS (
  SELECT id, name, 0 AS depth FROM emp WHERE id = 2
  UNION ALL
  SELECT e.id, e.name, r.depth + 1 FROM emp e JOIN reach r ON e.boss_id = r.id
)
SELECT * FROM reach;
WITH RECURSIVE up (id, boss_id, path) AS (
  SELECT id, boss_id, name FROM emp WHERE id = 5
  UNION
  SELECT e.id, e.boss_id, up.path || ' > ' || e.name FROM emp e, up WHERE e.id = up.boss_id
)
SELECT id, path FROM up;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT sum(i) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION SELECT i FROM n) SELECT * FROM n;
SELECT id FROM emp WHERE id < 3 UNION ALL SELECT id FROM emp WHERE id > 5;
SELECT boss_id FROM emp UNION SELECT id FROM emp WHERE id < 3 ORDER BY 1;
SELECT boss_id FROM emp INTERSECT SELECT id FROM emp ORDER BY boss_id;
SELECT boss_id FROM emp EXCEPT SELECT id FROM emp WHERE id > 3 ORDER BY 1 NULLS FIRST;
SELECT boss_id FROM emp INTERSECT ALL SELECT boss_id FROM emp WHERE id > 2 ORDER BY 1;
SELECT boss_id FROM emp EXCEPT ALL SELECT boss_id FROM emp WHERE id > 3 ORDER BY 1;
SELECT 1, 'a' UNION ALL SELECT 2, 'b' UNION ALL SELECT 3.5, 'c';
WITH x AS (SELECT 1 AS a) SELECT * FROM x WHERE EXISTS (SELECT 1 FROM emp WHERE emp.id = x.a);
