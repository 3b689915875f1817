-- UPDATE ... FROM and DELETE ... USING: the target joined with other tables (RETURNING by alias).
CREATE TABLE customers (id int PRIMARY KEY, name text, tier text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE CASCADE, note text);
INSERT INTO customers VALUES (1, 'ann', 'gold'), (2, 'bob', 'basic'), (3, 'cy', 'gold');
INSERT INTO orders VALUES (10, 2, NULL), (11, 1, NULL), (12, 2, NULL), (13, 3, NULL), (14, NULL, NULL);
UPDATE orders o SET note = c.name || '/' || c.tier FROM customers c WHERE c.id = o.customer_id AND c.tier = 'gold' RETURNING o.id, o.note;
SELECT * FROM orders ORDER BY id;
UPDATE orders SET note = customers.name FROM customers WHERE customers.id = orders.customer_id;
SELECT * FROM orders ORDER BY id;
UPDATE customers c SET tier = 'busy' FROM orders o WHERE o.customer_id = c.id;
SELECT * FROM customers ORDER BY id;
DELETE FROM orders o USING customers c WHERE c.id = o.customer_id AND c.name = 'bob' RETURNING o.*;
DELETE FROM customers c USING orders o WHERE o.customer_id = c.id AND o.id = 13;
SELECT * FROM customers ORDER BY id;
SELECT * FROM orders ORDER BY id;
UPDATE orders SET note = 'x' FROM customers WHERE id = 11;
UPDATE orders SET note = nope.name FROM customers c WHERE c.id = orders.customer_id;
