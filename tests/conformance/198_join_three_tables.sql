-- Joins of three tables along two foreign keys (order_items -> orders -> customers), written
-- as JOIN chains in any order or as a FROM list: PostgreSQL's join search picks one plan for
-- all of them, and the unordered rows come in that plan's order.
CREATE TABLE customers (id int PRIMARY KEY, name text, region int);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id), total int, note text);
CREATE TABLE order_items (id int PRIMARY KEY, order_id int REFERENCES orders(id), qty int, sku text);
INSERT INTO customers SELECT i, 'c' || i, i % 5 FROM generate_series(1, 20) i;
INSERT INTO orders SELECT i, (i * 7) % 20 + 1, i % 13, 'n' || i FROM generate_series(1, 60) i;
INSERT INTO order_items SELECT i, (i * 11) % 60 + 1, i % 4, 's' || i FROM generate_series(1, 150) i;
SELECT i.id, o.id, c.name FROM order_items i JOIN orders o ON o.id = i.order_id JOIN customers c ON c.id = o.customer_id WHERE i.id % 10 = 0;
SELECT i.id, o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id JOIN order_items i ON o.id = i.order_id WHERE i.id % 10 = 0;
SELECT i.id, o.id, c.name FROM order_items i, orders o, customers c WHERE o.id = i.order_id AND c.id = o.customer_id AND i.id % 10 = 0;
SELECT i.id, o.id, c.name FROM customers c, orders o, order_items i WHERE o.id = i.order_id AND c.id = o.customer_id AND i.id % 10 = 0;
SELECT i.id, o.id, c.name FROM order_items i JOIN orders o ON o.id = i.order_id JOIN customers c ON c.id = o.customer_id WHERE c.region = 2;
SELECT i.id, o.id, c.name FROM order_items i JOIN orders o ON o.id = i.order_id JOIN customers c ON c.id = o.customer_id WHERE i.qty = 2;
SELECT i.id, o.id, c.name FROM order_items i JOIN orders o ON o.id = i.order_id JOIN customers c ON c.id = o.customer_id WHERE o.total < 3;
SELECT i.id, o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id JOIN order_items i ON o.id = i.order_id WHERE c.name = 'c7';
SELECT o.id, c.name FROM orders o, customers c WHERE c.id = o.customer_id AND o.id > 50;
SELECT o.id, c.name FROM customers c, orders o WHERE c.id = o.customer_id AND o.total = 3;
SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id JOIN customers c ON c.id = o.customer_id;
CREATE INDEX ON orders(customer_id);
CREATE INDEX ON order_items(order_id);
SELECT i.id, o.id, c.name FROM order_items i JOIN orders o ON o.id = i.order_id JOIN customers c ON c.id = o.customer_id WHERE c.region = 2;
SELECT i.id, o.id, c.name FROM order_items i JOIN orders o ON o.id = i.order_id JOIN customers c ON c.id = o.customer_id WHERE i.qty = 2;
SELECT i.id, o.id, c.name FROM order_items i JOIN orders o ON o.id = i.order_id JOIN customers c ON c.id = o.customer_id WHERE o.total < 3;
SELECT i.id, o.id, c.name FROM customers c, orders o, order_items i WHERE o.id = i.order_id AND c.id = o.customer_id AND o.note = 'n9';
