-- EXPLAIN (COSTS OFF) on fresh tables: how a primary-key lookup, a range, an IN list and a
-- scan of the referencing column find their rows.
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id), note text);
INSERT INTO customers VALUES (1, 'ada'), (2, 'bob'), (3, 'cy');
INSERT INTO orders VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'z'), (4, NULL, 'w');
EXPLAIN (COSTS OFF) SELECT * FROM customers WHERE id = 1;
EXPLAIN (COSTS OFF) SELECT name FROM customers WHERE id = 2;
EXPLAIN (COSTS OFF) SELECT id FROM customers WHERE id = 1;
EXPLAIN (COSTS OFF) SELECT count(*) FROM customers WHERE id = 2;
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE id = 1 AND note = 'x';
EXPLAIN (COSTS OFF) SELECT * FROM customers WHERE id IN (1, 2);
EXPLAIN (COSTS OFF) SELECT * FROM customers WHERE id > 1;
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE id BETWEEN 1 AND 2;
EXPLAIN (COSTS OFF) SELECT * FROM customers WHERE name = 'ada';
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE customer_id IS NULL;
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE id < 3 OR note = 'x';
EXPLAIN (COSTS OFF) SELECT * FROM orders o WHERE o.id % 2 = 0;
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE NOT (id = 1) AND NOT (note IS NULL);
SELECT * FROM customers WHERE id IN (1, 2);
