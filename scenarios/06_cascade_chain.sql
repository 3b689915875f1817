-- # ON DELETE CASCADE, silently down a chain
--
-- CASCADE deletes the children with the parent, and their children with them. PostgreSQL says
-- nothing about the rows it took along: the DELETE reports success and that is all.
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE CASCADE);
CREATE TABLE order_items (id int PRIMARY KEY, order_id int REFERENCES orders ON DELETE CASCADE);
INSERT INTO customers VALUES (1), (2);
INSERT INTO orders VALUES (10, 1), (11, 1), (20, 2);
INSERT INTO order_items VALUES (100, 10), (101, 10), (110, 11), (200, 20);

DELETE FROM customers WHERE id = 1;   -- expect: ok
SELECT count(*) AS orders_left FROM orders;
SELECT count(*) AS items_left FROM order_items;

-- A chain stops at the first link that is not CASCADE: here audit rows block the whole delete.
CREATE TABLE audit (id int PRIMARY KEY, order_id int REFERENCES orders);
INSERT INTO audit VALUES (1, 20);
DELETE FROM customers WHERE id = 2;   -- expect: error 23503 audit_order_id_fkey
SELECT count(*) AS items_still_there FROM order_items;
