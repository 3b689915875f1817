-- SELECT DISTINCT over a join of two tables, without ORDER BY: a HashAggregate or a Sort +
-- Unique above the hash join.
CREATE TABLE customers (id int PRIMARY KEY, name text, region int, flag boolean);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, amount int,
  note text, tag varchar(10));
INSERT INTO customers SELECT g, 'cust' || (g % 7), g % 5, g % 3 = 0 FROM generate_series(1, 15) g;
INSERT INTO orders SELECT g, CASE WHEN g % 11 = 0 THEN NULL ELSE 1 + (g * 7) % 14 END, g * 3 % 50,
  CASE WHEN g % 5 = 0 THEN NULL ELSE 'n' || (g % 4) END, 't' || (g % 3)
  FROM generate_series(1, 50) g;
SELECT DISTINCT c.name, o.note FROM customers c JOIN orders o ON o.customer_id = c.id;
EXPLAIN (COSTS OFF) SELECT DISTINCT c.name, o.note FROM customers c JOIN orders o ON o.customer_id = c.id;
SELECT DISTINCT c.region FROM customers c JOIN orders o ON o.customer_id = c.id;
SELECT DISTINCT o.customer_id FROM customers c JOIN orders o ON o.customer_id = c.id;
SELECT DISTINCT c.id, o.tag FROM customers c JOIN orders o ON o.customer_id = c.id;
SELECT DISTINCT c.name, o.note FROM customers c LEFT JOIN orders o ON o.customer_id = c.id;
SELECT DISTINCT c.name FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.region = 2;
EXPLAIN (COSTS OFF) SELECT DISTINCT c.name FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.region = 2;
SELECT DISTINCT o.tag, c.flag FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.region = 2 AND o.amount < 7;
EXPLAIN (COSTS OFF) SELECT DISTINCT o.tag, c.flag FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.region = 2 AND o.amount < 7;
