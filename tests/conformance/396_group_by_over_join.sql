-- GROUP BY over a join of two tables, without ORDER BY: PostgreSQL plans a HashAggregate (groups
-- in its hash table's order) or a Sort + GroupAggregate (groups in key order) above the hash
-- join, by the join's estimated rows and cost; a table's primary key in GROUP BY makes its
-- other columns redundant (Group Key: c.id).
CREATE TABLE customers (id int PRIMARY KEY, name text, region int, flag boolean);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, amount int,
  note text, tag varchar(10));
INSERT INTO customers SELECT g, 'cust' || (g % 7), g % 5, g % 3 = 0 FROM generate_series(1, 12) g;
INSERT INTO orders SELECT g, CASE WHEN g % 11 = 0 THEN NULL ELSE 1 + (g * 7) % 11 END, g * 3 % 50,
  CASE WHEN g % 5 = 0 THEN NULL ELSE 'n' || (g % 4) END, 't' || (g % 3)
  FROM generate_series(1, 60) g;
SELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
EXPLAIN (COSTS OFF) SELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
SELECT c.id, c.name, count(*), sum(o.amount) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name;
EXPLAIN (COSTS OFF) SELECT c.id, c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name;
SELECT c.name, c.id, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name, c.id;
SELECT o.customer_id, count(*) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY o.customer_id;
SELECT o.customer_id, c.id, count(*) FROM orders o JOIN customers c ON o.customer_id = c.id GROUP BY o.customer_id, c.id;
SELECT o.note, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY o.note;
SELECT c.flag, o.tag, sum(o.amount), count(*) FILTER (WHERE o.amount > 20) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.flag, o.tag;
EXPLAIN (COSTS OFF) SELECT c.flag, o.tag, sum(o.amount), count(*) FILTER (WHERE o.amount > 20) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.flag, o.tag;
SELECT c.name, max(o.note), min(o.amount) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.name HAVING count(*) > 1;
SELECT o.tag, avg(o.amount) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY o.tag;
SELECT o.amount, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY o.amount HAVING count(*) > 1;
-- WHERE terms on one table narrow its scan: fewer joined rows, and a sort becomes cheap enough.
SELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.amount < 10 GROUP BY c.name;
SELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.region = 2 GROUP BY c.name;
EXPLAIN (COSTS OFF) SELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.region = 2 GROUP BY c.name;
SELECT c.name, o.note, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.amount = 3 GROUP BY c.name, o.note;
-- string_agg keeps an 8 kB state per group: many estimated groups would spill, so it sorts.
SELECT o.note, c.region, string_agg(o.id::text, ',') FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY o.note, c.region;
EXPLAIN (COSTS OFF) SELECT o.note, c.region, string_agg(o.id::text, ',') FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY o.note, c.region;
SELECT c.name, string_agg(o.note, ';') FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
SELECT o.note, array_agg(c.id) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY o.note;
-- one table: GROUP BY its primary key and another column groups by the key alone
SELECT id, name, count(*) FROM customers GROUP BY id, name;
EXPLAIN (COSTS OFF) SELECT name, id, count(*) FROM customers GROUP BY name, id;
-- a comma FROM list joined by WHERE's equality is the same inner join
SELECT c.name, count(*) FROM customers c, orders o WHERE o.customer_id = c.id GROUP BY c.name;
SELECT c.id, c.name, count(*) FROM orders o, customers c WHERE o.customer_id = c.id AND o.amount < 20 GROUP BY c.id, c.name;
SELECT DISTINCT c.region, o.note FROM customers c, orders o WHERE c.id = o.customer_id AND c.flag;
