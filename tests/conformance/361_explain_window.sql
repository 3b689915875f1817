-- EXPLAIN (COSTS OFF) of window functions over one window: a WindowAgg over the Sort of its
-- PARTITION BY and ORDER BY (or over the key's index read in order), the query's ORDER BY on top.
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id), total int, note text);
INSERT INTO customers SELECT i, 'c' || i FROM generate_series(1, 5) i;
INSERT INTO orders SELECT i, (i * 7) % 5 + 1, i % 6, 'n' || (i % 4) FROM generate_series(1, 14) i;
EXPLAIN (COSTS OFF) SELECT id, count(*) OVER () FROM orders;
SELECT id, count(*) OVER () FROM orders;
EXPLAIN (COSTS OFF) SELECT id, customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY id) FROM orders;
SELECT id, customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY id) FROM orders;
EXPLAIN (COSTS OFF) SELECT id, customer_id, sum(total) OVER (PARTITION BY customer_id) FROM orders;
SELECT id, customer_id, sum(total) OVER (PARTITION BY customer_id) FROM orders;
EXPLAIN (COSTS OFF) SELECT id, rank() OVER (PARTITION BY customer_id ORDER BY total DESC), dense_rank() OVER (PARTITION BY customer_id ORDER BY total DESC) FROM orders;
SELECT id, rank() OVER (PARTITION BY customer_id ORDER BY total DESC), dense_rank() OVER (PARTITION BY customer_id ORDER BY total DESC) FROM orders;
EXPLAIN (COSTS OFF) SELECT id, count(*) OVER (PARTITION BY customer_id) FROM orders ORDER BY id;
SELECT id, count(*) OVER (PARTITION BY customer_id) FROM orders ORDER BY id;
EXPLAIN (COSTS OFF) SELECT id, customer_id, lag(id) OVER (PARTITION BY customer_id ORDER BY id) FROM orders ORDER BY customer_id;
SELECT id, customer_id, lag(id) OVER (PARTITION BY customer_id ORDER BY id) FROM orders ORDER BY customer_id;
EXPLAIN (COSTS OFF) SELECT id, row_number() OVER (ORDER BY id) FROM orders;
SELECT id, row_number() OVER (ORDER BY id) FROM orders;
EXPLAIN (COSTS OFF) SELECT *, row_number() OVER (ORDER BY id) FROM orders LIMIT 3;
SELECT *, row_number() OVER (ORDER BY id) FROM orders LIMIT 3;
EXPLAIN (COSTS OFF) SELECT id, sum(total) OVER (ORDER BY total NULLS FIRST) FROM orders WHERE customer_id = 2;
SELECT id, sum(total) OVER (ORDER BY total NULLS FIRST) FROM orders WHERE customer_id = 2;
