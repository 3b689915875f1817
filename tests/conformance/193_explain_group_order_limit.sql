-- Aggregates, GROUP BY, DISTINCT, ORDER BY and LIMIT over one table.
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, note text);
INSERT INTO orders VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'z'), (4, NULL, 'w');
EXPLAIN (COSTS OFF) SELECT count(*) FROM orders;
EXPLAIN (COSTS OFF) SELECT customer_id, count(*) FROM orders GROUP BY customer_id;
EXPLAIN (COSTS OFF) SELECT customer_id, count(*) FROM orders GROUP BY customer_id ORDER BY customer_id;
EXPLAIN (COSTS OFF) SELECT DISTINCT customer_id FROM orders;
EXPLAIN (COSTS OFF) SELECT * FROM orders ORDER BY note;
EXPLAIN (COSTS OFF) SELECT * FROM orders ORDER BY note LIMIT 2;
EXPLAIN (COSTS OFF) SELECT * FROM orders ORDER BY customer_id DESC, note NULLS FIRST LIMIT 1;
EXPLAIN (COSTS OFF) SELECT * FROM orders ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM orders ORDER BY id LIMIT 2;
EXPLAIN (COSTS OFF) SELECT * FROM orders LIMIT 2;
EXPLAIN (COSTS OFF) SELECT 1;
EXPLAIN (COSTS OFF) VALUES (1), (2);
