-- ORDER BY under LIMIT: the Sort keeps only the LIMIT (plus OFFSET) first rows, in a bounded heap
-- once its input is over twice as many, so rows that tie come out in the heap's order.
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, note text);
INSERT INTO orders SELECT i, (i * 7) % 6 + 1, 'n' || (i % 4) FROM generate_series(1, 40) i;
SELECT * FROM orders ORDER BY note LIMIT 3;
SELECT * FROM orders ORDER BY note LIMIT 5 OFFSET 2;
SELECT * FROM orders ORDER BY customer_id DESC LIMIT 7;
SELECT * FROM orders ORDER BY customer_id, note LIMIT 12;
SELECT * FROM orders ORDER BY customer_id LIMIT 19;
SELECT * FROM orders ORDER BY customer_id LIMIT 20;
SELECT * FROM orders ORDER BY customer_id LIMIT 1;
SELECT customer_id, count(*) FROM orders GROUP BY customer_id ORDER BY count(*) LIMIT 2;
SELECT DISTINCT ON (note) note, id FROM orders ORDER BY note LIMIT 2;
SELECT note, id FROM orders WHERE id > 3 ORDER BY note LIMIT 4;
EXPLAIN (COSTS OFF) SELECT * FROM orders ORDER BY note LIMIT 5 OFFSET 2;
