-- Scans, groupings and joins whose keys, filters and aggregates are integer expressions take a
-- compiled path (the heap read in place); every edge where it must hand back to the general one.
CREATE TABLE customers (id int PRIMARY KEY, name text, tier int);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, amount int, big bigint);
INSERT INTO customers SELECT g, 'c' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE g % 3 END FROM generate_series(1, 20) g;
INSERT INTO orders SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE g % 25 + 1 END, CASE WHEN g % 5 = 0 THEN NULL ELSE g * 10 END, g::bigint * 4000000000000000 FROM generate_series(1, 60) g;
DELETE FROM customers WHERE id = 4;
-- groups by an integer key (NULL a group of its own), counts of a column with NULLs, FILTER
SELECT customer_id % 4 AS k, count(*), count(amount), sum(amount), min(amount), max(amount), avg(amount) FROM orders GROUP BY customer_id % 4;
SELECT count(*) FILTER (WHERE amount > 300), sum(amount) FILTER (WHERE customer_id IS NULL), count(*) FILTER (WHERE amount IS NULL) FROM orders;
SELECT count(*), sum(amount) FROM orders WHERE amount > 250;
SELECT count(*), sum(amount) FROM orders WHERE amount > 250 OR customer_id IS NULL;
-- a sum past 64 bits, and a bigint group key
SELECT sum(big), min(big), max(big) FROM orders;
SELECT big % 3 AS k, count(*), sum(big) FROM orders GROUP BY big % 3 ORDER BY 1;
-- errors the compiled path must leave to the general one, at the same row
SELECT count(*) FROM orders WHERE amount * 10000000 > 0;
SELECT sum(amount / (id - 30)) FROM orders;
SELECT customer_id * 1000000000 AS k, count(*) FROM orders GROUP BY 1;
-- keys and arguments that are not integers
SELECT tier, count(*), string_agg(name, ',') FROM customers GROUP BY tier;
SELECT name, count(*) FROM customers WHERE tier = 2 GROUP BY name ORDER BY name LIMIT 3;
SELECT count(DISTINCT customer_id), sum(DISTINCT amount % 3) FROM orders;
-- the orphan checks: NULL references are orphans of a LEFT JOIN, not of the key
SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL;
SELECT o.id, o.customer_id FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL;
SELECT o.id, c.name FROM orders o LEFT JOIN customers c ON c.id = o.customer_id AND c.tier = 1 WHERE c.id IS NULL AND o.id < 20;
SELECT o.id FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.tier IS NULL AND o.id < 30;
-- joins that read some columns of each side, or all
SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.name <> 'c7';
SELECT c.tier, count(*), sum(o.amount) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.tier ORDER BY c.tier; -- (groups over a join: README, Limits)
SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id < 8;
SELECT o.id, c.* FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id BETWEEN 20 AND 30;
-- a bigint key probing an int one
CREATE TABLE refs (id bigint, note text);
INSERT INTO refs VALUES (3, 'a'), (NULL, 'b'), (5000000000, 'c'), (3, 'd');
SELECT r.note, c.name FROM refs r JOIN customers c ON c.id = r.id;
SELECT r.note FROM refs r LEFT JOIN customers c ON c.id = r.id WHERE c.id IS NULL;
-- after deletes and updates the scan skips dead versions
UPDATE orders SET amount = amount + 1 WHERE id % 2 = 0;
DELETE FROM orders WHERE id % 3 = 0;
SELECT count(*), sum(amount), count(customer_id) FROM orders;
SELECT customer_id, count(*) FROM orders GROUP BY customer_id ORDER BY customer_id LIMIT 5;
SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL;
