-- GROUP BY over a LEFT JOIN (childless parents included, their counts 0), and a LEFT JOIN that
-- a strict WHERE term on the children makes an inner join.
CREATE TABLE customers (id int PRIMARY KEY, name text, region int, flag boolean);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, amount int,
  note text, tag varchar(10));
INSERT INTO customers SELECT g, 'cust' || (g % 7), g % 5, g % 3 = 0 FROM generate_series(1, 30) g;
INSERT INTO orders SELECT g, CASE WHEN g % 11 = 0 THEN NULL ELSE 1 + (g * 7) % 19 END, g * 3 % 50,
  CASE WHEN g % 5 = 0 THEN NULL ELSE 'n' || (g % 4) END, 't' || (g % 3)
  FROM generate_series(1, 45) g;
SELECT c.name, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
EXPLAIN (COSTS OFF) SELECT c.name, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
SELECT c.id, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id;
SELECT o.note, count(o.id), count(*) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY o.note;
SELECT c.id, c.name, c.region, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE c.flag GROUP BY c.id, c.name, c.region;
EXPLAIN (COSTS OFF) SELECT c.id, c.name, c.region, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE c.flag GROUP BY c.id, c.name, c.region;
SELECT c.region, count(*) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE c.name = 'cust2' GROUP BY c.region;
SELECT c.name, o.tag, count(*) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.amount > 5 GROUP BY c.name, o.tag;
EXPLAIN (COSTS OFF) SELECT c.name, o.tag, count(*) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.amount > 5 GROUP BY c.name, o.tag;
SELECT c.name, string_agg(o.id::text, ',') FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
SELECT o.tag, count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id GROUP BY o.tag, c.name;
-- A LEFT JOIN to the parents' primary key that reads no parent column is removed: the
-- children's scan alone.
SELECT o.tag, count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id GROUP BY o.tag;
EXPLAIN (COSTS OFF) SELECT o.tag, count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id GROUP BY o.tag;
SELECT DISTINCT o.note FROM orders o LEFT JOIN customers c ON o.customer_id = c.id WHERE o.amount > 3;
EXPLAIN (COSTS OFF) SELECT DISTINCT o.note FROM orders o LEFT JOIN customers c ON o.customer_id = c.id WHERE o.amount > 3;
EXPLAIN (COSTS OFF) SELECT o.id, o.note FROM orders o LEFT JOIN customers c ON o.customer_id = c.id;
