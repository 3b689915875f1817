-- GROUP BY and DISTINCT without ORDER BY on never-analyzed tables: PostgreSQL hashes the
-- groups (HashAggregate) and emits them in its hash table's order, unless the input is small
-- enough for a sort to be as cheap, or a LIMIT makes an index scan's sorted order cheaper.
CREATE TABLE t (id int PRIMARY KEY, k1 int, k2 int, v text, f0a int, UNIQUE (k1, k2));
INSERT INTO t VALUES (7, 3, 70, 'red', 10), (2, 1, 20, 'blue', 5), (11, NULL, 110, NULL, 1);
INSERT INTO t VALUES (4, 2, 40, 'green', NULL), (9, 1, 90, 'red', 7), (1, 5, 10, 'x', 3),
  (15, 4, NULL, 'blue', 2), (3, 0, 30, '', 8), (20, 3, 200, 'y', 9), (6, 6, 60, 'red', 4);
INSERT INTO t VALUES (30, 7, 300, 'v1', 30), (31, 8, 310, 'v2', 31), (32, 9, 320, 'v3', 32),
  (33, 10, 330, 'v4', 33), (34, NULL, 340, 'v5', 34), (35, 11, NULL, 'v6', 35);
DELETE FROM t WHERE id = 9;
UPDATE t SET v = 'upd' WHERE id = 2;
SELECT k1, count(*) FROM t GROUP BY k1;
SELECT k1, k2, count(*) FROM t GROUP BY k1, k2;
SELECT v, count(*) FROM t GROUP BY v;
SELECT k1 FROM t GROUP BY k1;
SELECT k1, sum(f0a) FROM t GROUP BY k1 HAVING sum(f0a) > 5;
SELECT DISTINCT k1 FROM t;
SELECT DISTINCT k1, k2 FROM t;
SELECT DISTINCT v FROM t;
SELECT DISTINCT id FROM t;
SELECT f0a % 3 AS m, count(*) FROM t GROUP BY f0a % 3;
-- A WHERE clause shrinks the estimates and with them the hash table.
SELECT k1, count(*) FROM t WHERE id > 3 GROUP BY k1;
SELECT DISTINCT v FROM t WHERE f0a < 20;
SELECT k1, sum(f0a) FROM t WHERE NOT (f0a > 3) GROUP BY k1;
-- An equality leaves so few rows that Sort + GroupAggregate / Unique wins: sorted output.
SELECT k2, count(*) FROM t WHERE k1 = 3 GROUP BY k2;
SELECT DISTINCT v FROM t WHERE f0a = 7;
SELECT v, count(*) FROM t WHERE v IS NULL GROUP BY v;
-- DISTINCT inside an aggregate needs sorted input.
SELECT k1, count(DISTINCT v) FROM t GROUP BY k1;
-- LIMIT: GroupAggregate over the (k1, k2) index returns the first groups in key order.
SELECT k1, count(*) FROM t GROUP BY k1 LIMIT 3;
SELECT k1, count(*) FROM t WHERE f0a > 2 GROUP BY k1 LIMIT 2;
-- With ORDER BY the sort decides.
SELECT k1, count(*) FROM t GROUP BY k1 ORDER BY k1 DESC;
-- bigint keys: values that fit 32 bits hash as integers do.
CREATE TABLE b (id bigint PRIMARY KEY, k1 bigint, v text);
INSERT INTO b VALUES (1, 5, 'a'), (2, 3000000000, 'b'), (3, -5, 'c'), (4, NULL, 'a'),
  (5, 5, 'd'), (6, -3000000000, 'b'), (7, 42, NULL), (8, 0, 'e');
SELECT k1, count(*) FROM b GROUP BY k1;
SELECT DISTINCT k1, v FROM b;
-- text keys, including the empty string and NULL.
CREATE TABLE s (id text PRIMARY KEY, k1 text, k2 text, n numeric, UNIQUE (k1, k2));
INSERT INTO s VALUES ('a', 'x', 'p', 1.5), ('b', 'hello', 'q', 2), ('c', '', 'r', 2.0),
  ('d', NULL, 's', NULL), ('e', 'x', 't', -0.25), ('f', 'abc', NULL, 100000),
  ('g', 'zz', 'u', 1.50), ('h', 'hello', 'v', 0);
SELECT k1, count(*) FROM s GROUP BY k1;
SELECT DISTINCT k1 FROM s;
SELECT n, count(*) FROM s GROUP BY n;
SELECT DISTINCT k1, k2 FROM s WHERE id > 'b';
-- A table that grows its hash table past the estimate (more groups than 200).
CREATE TABLE g (id int PRIMARY KEY, k int);
INSERT INTO g SELECT i, (i * 37) % 251 FROM generate_series(1, 300) i;
SELECT k, count(*) FROM g WHERE k < 5 OR k > 245 GROUP BY k;
SELECT k, count(*) FROM g GROUP BY k HAVING k % 10 = 0;
