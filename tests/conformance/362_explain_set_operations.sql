-- UNION / INTERSECT / EXCEPT [ALL] over child tables of one parent: the rows come out in the
-- order PostgreSQL's plan emits them (HashAggregate over an Append for UNION, HashSetOp over
-- the input with fewer groups for INTERSECT and EXCEPT), and EXPLAIN (COSTS OFF) prints that plan.
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id), note text);
CREATE TABLE returns (id int PRIMARY KEY, customer_id int REFERENCES customers(id), note text);
INSERT INTO customers SELECT i, 'c' || i FROM generate_series(1, 8) i;
INSERT INTO orders SELECT i, (i * 7) % 6 + 1, 'n' || (i % 4) FROM generate_series(1, 14) i;
INSERT INTO returns SELECT i, (i * 5) % 7 + 1, 'n' || (i % 3) FROM generate_series(1, 9) i;
EXPLAIN (COSTS OFF) SELECT customer_id FROM orders UNION SELECT customer_id FROM returns;
SELECT customer_id FROM orders UNION SELECT customer_id FROM returns;
EXPLAIN (COSTS OFF) SELECT customer_id FROM orders UNION ALL SELECT customer_id FROM returns;
SELECT customer_id FROM orders UNION ALL SELECT customer_id FROM returns;
EXPLAIN (COSTS OFF) SELECT customer_id, note FROM orders WHERE note <> 'n1' UNION SELECT customer_id, note FROM returns r WHERE r.id > 2;
SELECT customer_id, note FROM orders WHERE note <> 'n1' UNION SELECT customer_id, note FROM returns r WHERE r.id > 2;
EXPLAIN (COSTS OFF) SELECT customer_id FROM orders UNION SELECT customer_id FROM returns UNION ALL SELECT id FROM customers;
SELECT customer_id FROM orders UNION SELECT customer_id FROM returns UNION ALL SELECT id FROM customers;
EXPLAIN (COSTS OFF) SELECT customer_id FROM orders UNION ALL SELECT customer_id FROM returns UNION SELECT id FROM customers;
SELECT customer_id FROM orders UNION ALL SELECT customer_id FROM returns UNION SELECT id FROM customers;
EXPLAIN (COSTS OFF) SELECT customer_id FROM orders UNION SELECT customer_id FROM returns ORDER BY 1 DESC;
SELECT customer_id FROM orders UNION SELECT customer_id FROM returns ORDER BY 1 DESC;
EXPLAIN (COSTS OFF) SELECT customer_id, note FROM orders UNION SELECT customer_id, note FROM returns ORDER BY note LIMIT 4;
SELECT customer_id, note FROM orders UNION SELECT customer_id, note FROM returns ORDER BY note LIMIT 4;
EXPLAIN (COSTS OFF) SELECT id + 1 FROM orders UNION SELECT id FROM returns;
SELECT id + 1 FROM orders UNION SELECT id FROM returns;
-- Which customers have both orders and returns, and which have orders but no returns.
EXPLAIN (COSTS OFF) SELECT customer_id FROM orders INTERSECT SELECT customer_id FROM returns;
SELECT customer_id FROM orders INTERSECT SELECT customer_id FROM returns;
EXPLAIN (COSTS OFF) SELECT id FROM customers INTERSECT SELECT customer_id FROM orders;
SELECT id FROM customers INTERSECT SELECT customer_id FROM orders;
EXPLAIN (COSTS OFF) SELECT customer_id FROM orders EXCEPT SELECT customer_id FROM returns;
SELECT customer_id FROM orders EXCEPT SELECT customer_id FROM returns;
EXPLAIN (COSTS OFF) SELECT id FROM customers EXCEPT SELECT customer_id FROM orders;
SELECT id FROM customers EXCEPT SELECT customer_id FROM orders;
EXPLAIN (COSTS OFF) SELECT customer_id FROM orders EXCEPT ALL SELECT customer_id FROM returns;
SELECT customer_id FROM orders EXCEPT ALL SELECT customer_id FROM returns;
EXPLAIN (COSTS OFF) SELECT customer_id FROM orders INTERSECT ALL SELECT customer_id FROM returns;
SELECT customer_id FROM orders INTERSECT ALL SELECT customer_id FROM returns;
EXPLAIN (COSTS OFF) SELECT customer_id FROM orders WHERE id < 5 EXCEPT SELECT customer_id FROM returns WHERE id = 3;
SELECT customer_id FROM orders WHERE id < 5 EXCEPT SELECT customer_id FROM returns WHERE id = 3;
