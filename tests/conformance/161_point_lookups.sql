-- Statements by key find their rows through the key's index, and meet them in the order
-- PostgreSQL's index or bitmap scan does.
CREATE TABLE customers (id int PRIMARY KEY, name text, code text UNIQUE);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE CASCADE, note text);
INSERT INTO customers SELECT g, 'c' || g, 'k' || g FROM generate_series(1, 50) AS g;
INSERT INTO orders SELECT g, g % 50 + 1, NULL FROM generate_series(1, 200) AS g;
UPDATE orders SET note = 'x' WHERE id = 7;
UPDATE orders SET note = 'y' WHERE id = 7 AND note = 'x';
UPDATE orders SET note = 'z' WHERE id = 7 AND note = 'nothing';
SELECT * FROM orders WHERE id = 7;
SELECT name FROM customers WHERE id = 3;
SELECT name FROM customers WHERE id = NULL;
SELECT name FROM customers WHERE code = 'k9';
SELECT name FROM customers WHERE code = 'k9' AND id = 8;
SELECT id, note FROM orders WHERE customer_id = 5;
DELETE FROM customers WHERE id = 4;
SELECT count(*) FROM orders WHERE customer_id = 4;
DELETE FROM orders WHERE id = 8 RETURNING *;
UPDATE orders SET customer_id = 6 WHERE id = 9 RETURNING id, customer_id;
SELECT id, note FROM orders WHERE customer_id = 6;
UPDATE customers SET id = 1000 WHERE id = 6;
UPDATE orders SET customer_id = 1000 WHERE customer_id = 6;
SELECT id FROM orders WHERE customer_id = 1000;
