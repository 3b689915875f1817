-- The trace shows each queued check, each lookup and each cascade.
\trace on
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE CASCADE);
CREATE TABLE items (id int PRIMARY KEY, order_id int REFERENCES orders ON DELETE CASCADE, note text);
INSERT INTO customers VALUES (1), (2);
INSERT INTO orders VALUES (10, 1), (20, 2);
INSERT INTO items VALUES (100, 10, 'a'), (101, 10, 'b'), (200, 20, 'c');
DELETE FROM customers WHERE id = 1;
\trace off
SELECT * FROM items ORDER BY id;
