-- Once the referencing column has an index (and CREATE INDEX recorded the table's real size),
-- a few outer rows make PostgreSQL probe the other side's index row by row: a nested loop,
-- each outer row's matches in the index's order.
CREATE TABLE customers (id int PRIMARY KEY, name text, region int);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id), total int, note text);
INSERT INTO customers SELECT i, 'c' || i, i % 5 FROM generate_series(1, 200) i;
INSERT INTO orders SELECT i, (i * 7) % 200 + 1, i % 13, 'n' || i FROM generate_series(1, 1000) i;
CREATE INDEX orders_customer_idx ON orders(customer_id);
SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE c.name = 'c3';
SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE c.name IN ('c3', 'c4', 'c5');
SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.name IN ('c3', 'c4', 'c5');
SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE o.total = 2 AND o.id < 100;
SELECT o.id, c.name FROM customers c LEFT JOIN orders o ON c.id = o.customer_id WHERE c.name = 'c3';
SELECT o.id, c.name FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.total = 1 AND o.id < 200;
SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE c.id IN (3, 9, 7, 5);
SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE o.id IN (3, 9, 27, 45);
