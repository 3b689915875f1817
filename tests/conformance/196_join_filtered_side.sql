-- Unordered joins whose sides WHERE filters: PostgreSQL hashes the side its costing makes
-- cheaper after the filter (a few filtered children are hashed and probed with every parent,
-- a bucket giving its last-stored row first), and the row order follows that plan.
CREATE TABLE customers (id int PRIMARY KEY, name text, region int);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id), total int, note text);
INSERT INTO customers SELECT i, 'c' || i, i % 5 FROM generate_series(1, 20) i;
INSERT INTO orders SELECT i, (i * 7) % 20 + 1, i % 13, 'n' || i FROM generate_series(1, 60) i;
SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total = 3;
SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.region = 2;
SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE o.total < 3;
SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE o.total < 3 AND o.total > 1;
SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE o.total IN (1, 2, 3, 4, 5, 6, 7);
SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE o.total IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE o.total IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id AND o.total = 2;
SELECT o.id, c.name FROM customers c LEFT JOIN orders o ON c.id = o.customer_id AND o.total = 2;
SELECT o.id, c.name FROM customers c LEFT JOIN orders o ON c.id = o.customer_id WHERE o.total = 2;
SELECT o.id, c.name FROM customers c RIGHT JOIN orders o ON c.id = o.customer_id WHERE o.total = 2;
SELECT o.id, c.name FROM customers c FULL JOIN orders o ON c.id = o.customer_id WHERE o.total = 2;
SELECT o.id, c.name FROM customers c FULL JOIN orders o ON c.id = o.customer_id WHERE c.region = 2;
SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.customer_id = 4;
SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.id = 4;
SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id < 30 AND c.region = 3;
SELECT a.id, b.id FROM orders a JOIN orders b ON a.total = b.total WHERE b.note = 'n7';
SELECT a.id, b.id FROM orders a JOIN orders b ON a.total = b.total WHERE a.note = 'n7';
