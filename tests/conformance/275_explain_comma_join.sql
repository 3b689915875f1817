-- EXPLAIN of `FROM a, b WHERE a.x = b.y ...`: the inner join on the WHERE equalities between
-- the two tables, planned as the JOIN ... ON form is (and its rows).
CREATE TABLE cp (id int PRIMARY KEY, name text);
CREATE TABLE cc (id int PRIMARY KEY, pid int REFERENCES cp, v int);
INSERT INTO cp SELECT g, 'p' || g FROM generate_series(1, 50) g;
INSERT INTO cc SELECT g, g % 50 + 1, g FROM generate_series(1, 200) g;
EXPLAIN (COSTS OFF) SELECT * FROM cp, cc WHERE cc.pid = cp.id;
EXPLAIN (COSTS OFF) SELECT * FROM cp, cc WHERE cp.id = cc.pid;
EXPLAIN (COSTS OFF) SELECT * FROM cc, cp WHERE cc.pid = cp.id;
EXPLAIN (COSTS OFF) SELECT cp.name, cc.v FROM cp, cc WHERE cc.pid = cp.id AND cc.v > 10;
EXPLAIN (COSTS OFF) SELECT cp.name, cc.v FROM cp, cc WHERE cc.v > 10 AND cc.pid = cp.id AND cp.name <> 'p3';
EXPLAIN (COSTS OFF) SELECT c.v FROM cp p, cc c WHERE c.pid = p.id ORDER BY c.v LIMIT 3;
EXPLAIN (COSTS OFF) SELECT p.name, count(*) FROM cp p, cc c WHERE c.pid = p.id GROUP BY p.name;
EXPLAIN (COSTS OFF) SELECT DISTINCT cp.name FROM cp, cc WHERE cc.pid = cp.id;
SELECT cp.name, cc.v FROM cp, cc WHERE cc.pid = cp.id AND cc.v > 190;
EXPLAIN (COSTS OFF) SELECT * FROM cp, cc WHERE cc.v = cp.id;
SELECT * FROM cp, cc WHERE cc.v = cp.id AND cc.v < 4;
