-- # A child before its parent
--
-- An order points at a customer. Insert the order first and PostgreSQL refuses it: the key
-- it names is not present in the referenced table (SQLSTATE 23503, direction 1).
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id));

INSERT INTO orders (id, customer_id) VALUES (1, 42);  -- expect: error 23503 orders_customer_id_fkey

-- The fix: the parent first, then the child.
INSERT INTO customers (id, name) VALUES (42, 'Acme');  -- expect: ok
INSERT INTO orders (id, customer_id) VALUES (1, 42);   -- expect: ok

-- A NULL foreign key is never checked: the link is optional unless the column is NOT NULL.
INSERT INTO orders (id, customer_id) VALUES (2, NULL); -- expect: ok

-- And the other direction: a parent still referenced cannot go.
DELETE FROM customers WHERE id = 42;                   -- expect: error 23503 orders_customer_id_fkey
SELECT * FROM orders ORDER BY id;
