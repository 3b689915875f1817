-- FROM lists read as streams (issue 18): a lone set-returning function, and a list of several
-- items looped over its last one, give the rows, counts and errors they gave held whole.
CREATE TABLE p (id int PRIMARY KEY, name text);
INSERT INTO p VALUES (1, 'a'), (2, 'b'), (3, 'c');
SELECT count(*) FROM generate_series(1, 200000) AS value;
SELECT count(*), sum(value), min(value), max(value) FROM generate_series(1, 100000) AS value WHERE value % 7 = 3;
SELECT count(*) FROM generate_series(1, 700) a, generate_series(1, 700) b;
SELECT count(*) FROM generate_series(1, 300) a, generate_series(1, 300) b WHERE a < b;
SELECT a, b FROM generate_series(1, 3) a, generate_series(10, 12) b;
SELECT count(*), sum(a * b * c) FROM generate_series(1, 20) a, generate_series(3, 40) b, generate_series(5, 60) c;
SELECT p.name, count(*) FROM p, generate_series(1, 2) g GROUP BY p.name ORDER BY 1;
SELECT x.name, y.name FROM p x, p y WHERE x.id + y.id = 4;
SELECT g, p.name FROM generate_series(0, 4) g, p WHERE g = p.id;
SELECT v FROM generate_series(10, 1, -3) v;
SELECT v * 2 AS doubled FROM generate_series(1, 10) v WHERE v > 7;
SELECT v, count(*) FROM generate_series(1, 10) v, p GROUP BY v HAVING v < 3 ORDER BY v;
WITH w AS (SELECT id FROM p) SELECT count(*) FROM w, generate_series(1, 2) g WHERE g <> w.id;
SELECT * FROM generate_series(1, 3) a, generate_series(1, 0) b;
SELECT 1 / (v - 5) FROM generate_series(1, 10) v;
SELECT count(*) FROM generate_series(1, 5) a, nosuch b;
SELECT count(*) FROM generate_series(1, 5, 0) a;
SELECT count(*) FROM p, generate_series(1, 1000) g WHERE g % p.id = 0;
