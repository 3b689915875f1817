-- Runs of inserted rows, their foreign-key checks and their undo, across savepoints,
-- deferred checks, and INSERT ... SELECT failing part way.
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE items (id int PRIMARY KEY, order_id int REFERENCES orders ON DELETE CASCADE);
INSERT INTO customers SELECT value, 'c' || value FROM generate_series(1, 5) AS value;
-- A unique violation at the 4th generated row: nothing of the statement stays.
INSERT INTO customers SELECT value + 2, 'x' FROM generate_series(1, 10) AS value WHERE value > 1;
SELECT count(*) FROM customers;
-- PostgreSQL inserts each row before it computes the next: the violation at row 1 comes
-- before the division by zero at row 3.
INSERT INTO customers SELECT value, 'y' || (10 / (3 - value)) FROM generate_series(1, 5) AS value;
INSERT INTO customers SELECT value, 'y' || (10 / (8 - value)) FROM generate_series(6, 9) AS value;
SELECT count(*) FROM customers;
BEGIN;
INSERT INTO orders SELECT value, value % 3 + 1 FROM generate_series(1, 6) AS value;
SAVEPOINT a;
INSERT INTO orders SELECT value, 42 FROM generate_series(7, 9) AS value;
INSERT INTO orders SELECT value, 1 FROM generate_series(10, 12) AS value;
ROLLBACK TO SAVEPOINT a;
INSERT INTO orders SELECT value, 2 FROM generate_series(13, 15) AS value;
SELECT id, customer_id FROM orders ORDER BY id;
SAVEPOINT b;
INSERT INTO orders VALUES (16, 99);
RELEASE SAVEPOINT b;
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK;
SELECT count(*) FROM orders;
BEGIN;
INSERT INTO orders SELECT value, value % 5 + 1 FROM generate_series(1, 20) AS value;
INSERT INTO items SELECT value, value % 20 + 1 FROM generate_series(1, 60) AS value;
SAVEPOINT c;
INSERT INTO orders SELECT value, 77 FROM generate_series(21, 23) AS value;
ROLLBACK TO SAVEPOINT c;
COMMIT;
SELECT count(*) FROM orders;
DELETE FROM customers WHERE id = 2;
SELECT count(*) FROM items;
UPDATE orders SET customer_id = 50 WHERE id = 1;
SELECT count(*) FROM orders WHERE customer_id = 1;
DELETE FROM orders WHERE id <= 10;
SELECT count(*) FROM items;
BEGIN;
INSERT INTO orders SELECT value, 99 FROM generate_series(100, 103) AS value;
INSERT INTO customers VALUES (99, 'late parent');
COMMIT;
SELECT count(*) FROM orders WHERE customer_id = 99;
