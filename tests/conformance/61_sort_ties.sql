-- ORDER BY leaves rows that tie on every key in no promised order; PostgreSQL's quicksort
-- (insertion sort below 7 rows, median-of-three partitioning above) decides it.
CREATE TABLE t (id int PRIMARY KEY, grp int, v text);
INSERT INTO t VALUES (1, 2, 'a'), (2, 1, 'b'), (3, 2, 'c'), (4, 1, 'd'), (5, 3, 'e'),
  (6, 2, 'f'), (7, 1, 'g'), (8, 3, 'h'), (9, 2, 'i'), (10, 1, 'j'), (11, 2, 'k'),
  (12, 3, 'l'), (13, 1, 'm'), (14, 2, 'n');
SELECT id, grp, v FROM t ORDER BY grp;
SELECT id, grp, v FROM t ORDER BY grp DESC;
SELECT id, grp FROM t WHERE id <= 6 ORDER BY grp;
INSERT INTO t SELECT i, i % 4, 'x' || (i % 3) FROM generate_series(15, 70) i;
SELECT id, grp, v FROM t ORDER BY grp, v;
-- The groups of a HashAggregate, sorted by their counts: ties keep the sort's order.
SELECT v, count(*) FROM t GROUP BY v ORDER BY count(*);
SELECT grp, v, count(*) FROM t GROUP BY grp, v ORDER BY count(*) DESC;
