-- Data-changing statements: the cascade a parent delete sets off runs in triggers, not in
-- the plan; the plan shows how the statement finds its own rows.
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id) ON DELETE CASCADE, note text);
INSERT INTO customers VALUES (1, 'ada'), (2, 'bob');
INSERT INTO orders VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'z');
EXPLAIN (COSTS OFF) DELETE FROM customers WHERE id = 1;
EXPLAIN (COSTS OFF) DELETE FROM orders WHERE customer_id = 1;
EXPLAIN (COSTS OFF) DELETE FROM customers;
EXPLAIN (COSTS OFF) UPDATE orders SET note = 'q' WHERE id = 2;
EXPLAIN (COSTS OFF) UPDATE orders SET note = 'q' WHERE customer_id = 1;
EXPLAIN (COSTS OFF) INSERT INTO orders VALUES (9, 1, 'n');
EXPLAIN (COSTS OFF) INSERT INTO orders VALUES (9, 1, 'n'), (10, 1, 'm');
EXPLAIN (COSTS OFF) INSERT INTO orders SELECT id + 10, id, name FROM customers;
-- EXPLAIN without ANALYZE changes nothing.
SELECT count(*) FROM orders;
DELETE FROM customers WHERE id = 1;
SELECT * FROM orders;
