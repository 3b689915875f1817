-- EXPLAIN (COSTS OFF) of two-table joins whose sides WHERE filters: which side the hash join
-- hashes, outer joins reduced to inner ones by a strict filter, and the index nested loop
-- chosen once the referencing column's index records the table's size.
CREATE TABLE customers (id int PRIMARY KEY, name text, region int);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id), total int, note text);
INSERT INTO customers SELECT i, 'c' || i, i % 5 FROM generate_series(1, 20) i;
INSERT INTO orders SELECT i, (i * 7) % 20 + 1, i % 13, 'n' || i FROM generate_series(1, 60) i;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total = 3;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.region = 2;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE o.total < 3;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE c.region < 2 AND o.note <> 'x';
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM customers c LEFT JOIN orders o ON c.id = o.customer_id WHERE c.region = 1;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.total = 1;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM customers c LEFT JOIN orders o ON c.id = o.customer_id WHERE o.total = 2;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM customers c FULL JOIN orders o ON c.id = o.customer_id WHERE o.total = 2;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM customers c FULL JOIN orders o ON c.id = o.customer_id WHERE c.region = 2;
CREATE INDEX orders_customer_idx ON orders(customer_id);
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE o.total = 2;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.total = 1;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE c.region = 2;
EXPLAIN (COSTS OFF) SELECT o.id, c.name FROM customers c JOIN orders o ON c.id = o.customer_id WHERE o.total = 2 AND c.region = 1;
