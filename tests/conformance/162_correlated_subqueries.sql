-- Correlated subqueries: EXISTS / NOT EXISTS (the other orphan check), IN / NOT IN with
-- PostgreSQL's NULL rules, scalar subqueries in the select list, WHERE, HAVING and UPDATE SET.
CREATE TABLE p (id int PRIMARY KEY, name text, total int);
CREATE TABLE c (id int PRIMARY KEY, pid int, v int);
INSERT INTO p VALUES (1,'a',0),(2,'b',0),(3,'c',0);
INSERT INTO c VALUES (10,1,5),(11,9,6),(12,NULL,7),(13,2,8),(14,1,9);
SELECT * FROM c WHERE NOT EXISTS (SELECT 1 FROM p WHERE p.id = c.pid);
SELECT * FROM c WHERE EXISTS (SELECT 1 FROM p WHERE p.id = c.pid);
SELECT p.name, (SELECT count(*) FROM c WHERE c.pid = p.id) AS n FROM p;
SELECT p.name, (SELECT max(v) FROM c WHERE c.pid = p.id) AS n FROM p ORDER BY n;
SELECT * FROM p WHERE id IN (SELECT pid FROM c WHERE c.v > p.id * 3);
SELECT * FROM p WHERE id NOT IN (SELECT pid FROM c WHERE c.v > p.id);
SELECT * FROM p WHERE 1 NOT IN (SELECT pid FROM c WHERE c.v > p.id + 4);
SELECT p.name, (SELECT v FROM c WHERE c.pid = p.id) FROM p;
SELECT name FROM p WHERE (SELECT count(*) FROM c WHERE pid = p.id) > 1;
SELECT * FROM c c1 WHERE v > (SELECT avg(v) FROM c c2 WHERE c2.pid IS NOT DISTINCT FROM c1.pid);
UPDATE p SET total = (SELECT coalesce(sum(v), 0) FROM c WHERE c.pid = p.id);
SELECT * FROM p;
UPDATE p SET total = (SELECT v FROM c WHERE c.pid = p.id);
DELETE FROM c WHERE NOT EXISTS (SELECT 1 FROM p WHERE p.id = c.pid) RETURNING *;
DELETE FROM p WHERE NOT EXISTS (SELECT FROM c WHERE c.pid = p.id);
SELECT * FROM p;
SELECT * FROM c WHERE pid IN (SELECT id FROM p WHERE p.name = 'a' AND c.v > 6);
SELECT id, EXISTS (SELECT 1 FROM c WHERE c.pid = p.id AND c.v > 8) AS big FROM p;
SELECT id, (SELECT name FROM p WHERE p.id = c.pid), (SELECT count(*) FROM c c2 WHERE c2.pid = c.pid) FROM c;
SELECT pid, count(*) FROM c GROUP BY pid HAVING count(*) > (SELECT 0 FROM p WHERE p.id = c.pid) ORDER BY pid;
SELECT * FROM c WHERE EXISTS (SELECT 1 FROM p WHERE p.id = c.pid AND EXISTS (SELECT 1 FROM c c3 WHERE c3.pid = p.id AND c3.v <> c.v));
SELECT * FROM p WHERE id = (SELECT pid FROM c WHERE c.v = p.id * 9);
SELECT (SELECT name FROM p ORDER BY id LIMIT 1), (SELECT 1), EXISTS (SELECT 1 FROM p), (SELECT name AS nm FROM p LIMIT 1), 1 IN (SELECT id FROM p);
-- Outer references that do not exist are still errors.
SELECT * FROM p WHERE EXISTS (SELECT 1 FROM c WHERE c.pid = q.id);
