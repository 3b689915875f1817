-- # Deleting a parent that still has children
--
-- The second direction of 23503: the parent row cannot go while child rows point at it. With
-- the default action (NO ACTION) PostgreSQL checks at the end of the statement.
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO orders VALUES (10, 1), (11, 1);

DELETE FROM customers WHERE id = 1;    -- expect: error 23503 orders_customer_id_fkey
DELETE FROM customers WHERE id = 2;    -- expect: ok

-- One fix: delete (or re-point) the children first, then the parent.
DELETE FROM orders WHERE customer_id = 1;   -- expect: ok
DELETE FROM customers WHERE id = 1;         -- expect: ok
SELECT count(*) FROM customers;
