-- GROUP BY and DISTINCT over a join as the tables grow (1,000 parents, 20,000 children; then a
-- few parents): the estimates follow the tables' pages, the plans and hash tables with them.
CREATE TABLE customers (id int PRIMARY KEY, name text, region int, flag boolean);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, amount int,
  note text, tag varchar(10));
INSERT INTO customers SELECT g, 'cust' || (g % 7), g % 5, g % 3 = 0 FROM generate_series(1, 1000) g;
INSERT INTO orders SELECT g, CASE WHEN g % 11 = 0 THEN NULL ELSE 1 + (g * 7) % 999 END, g * 3 % 50,
  CASE WHEN g % 5 = 0 THEN NULL ELSE 'n' || (g % 4) END, 't' || (g % 3)
  FROM generate_series(1, 20000) g;
SELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
SELECT c.region, o.note, count(*), sum(o.amount) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.region, o.note;
EXPLAIN (COSTS OFF) SELECT c.region, o.note, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.region, o.note;
SELECT o.note, c.flag, string_agg(o.tag, '') IS NULL FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY o.note, c.flag;
EXPLAIN (COSTS OFF) SELECT c.id, string_agg(o.note, ';') FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id;
SELECT c.name, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
SELECT DISTINCT c.name, o.tag FROM customers c JOIN orders o ON o.customer_id = c.id;
SELECT DISTINCT o.note, c.region FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.region = 3;
SELECT c.name, o.tag, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.amount = 7 AND c.region < 2 GROUP BY c.name, o.tag;
EXPLAIN (COSTS OFF) SELECT c.name, o.tag, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.amount = 7 AND c.region < 2 GROUP BY c.name, o.tag;
DELETE FROM orders WHERE customer_id > 5;
DELETE FROM customers WHERE id > 5;
SELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
SELECT o.tag, c.flag, count(*) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY o.tag, c.flag;
