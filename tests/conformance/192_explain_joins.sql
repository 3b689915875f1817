-- Joins of a parent and its children: which side is hashed, outer joins, and the two orphan
-- checks (LEFT JOIN ... IS NULL and NOT EXISTS) as the anti join PostgreSQL makes of them.
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, note text);
INSERT INTO customers VALUES (1, 'ada'), (2, 'bob'), (3, 'cy');
INSERT INTO orders VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'z'), (4, 9, 'orphan'), (5, NULL, 'w');
EXPLAIN (COSTS OFF) SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id;
EXPLAIN (COSTS OFF) SELECT * FROM customers c JOIN orders o ON c.id = o.customer_id;
EXPLAIN (COSTS OFF) SELECT * FROM orders o LEFT JOIN customers c ON c.id = o.customer_id;
EXPLAIN (COSTS OFF) SELECT * FROM customers c LEFT JOIN orders o ON c.id = o.customer_id;
EXPLAIN (COSTS OFF) SELECT * FROM orders o RIGHT JOIN customers c ON c.id = o.customer_id;
EXPLAIN (COSTS OFF) SELECT * FROM orders o FULL JOIN customers c ON c.id = o.customer_id;
EXPLAIN (COSTS OFF) SELECT o.id FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL;
SELECT o.id FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL;
EXPLAIN (COSTS OFF) SELECT * FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id);
SELECT * FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id);
EXPLAIN (COSTS OFF) SELECT * FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id);
EXPLAIN (COSTS OFF) SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id);
EXPLAIN (COSTS OFF) SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE c.id = o.customer_id);
EXPLAIN (COSTS OFF) SELECT c.id, o.note FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.customer_id IS NOT NULL;
