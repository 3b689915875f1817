-- Uncorrelated subqueries: finding orphans, deleting by a list, a scalar value.
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int);
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO orders VALUES (1, 1), (2, 7), (3, 2), (4, NULL), (5, 9);
SELECT id, customer_id FROM orders WHERE customer_id NOT IN (SELECT id FROM customers) ORDER BY id;
SELECT id FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE name LIKE 'G%');
SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id = 9) AS has_nine, NOT EXISTS (SELECT 1 FROM customers WHERE id = 9) AS no_nine;
SELECT (SELECT max(id) FROM customers) AS top, (SELECT name FROM customers WHERE id = 42) AS missing;
UPDATE orders SET customer_id = NULL WHERE customer_id NOT IN (SELECT id FROM customers);
ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers;
DELETE FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE name = 'Ada') RETURNING id;
SELECT (SELECT id FROM customers);
SELECT id FROM orders WHERE customer_id IN (SELECT id, name FROM customers);
