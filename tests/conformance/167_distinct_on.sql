-- DISTINCT ON: the first row of each group in ORDER BY order (or the expressions' order).
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, amount int);
INSERT INTO orders VALUES (1, 2, 50), (2, 1, 70), (3, 2, 90), (4, NULL, 10), (5, 1, 20), (6, 3, 30), (7, NULL, 5);
SELECT DISTINCT ON (customer_id) customer_id, id, amount FROM orders;
SELECT DISTINCT ON (customer_id) customer_id, id, amount FROM orders ORDER BY customer_id, amount DESC;
SELECT DISTINCT ON (customer_id) id FROM orders ORDER BY customer_id DESC NULLS LAST, id;
SELECT DISTINCT ON (customer_id, amount > 25) customer_id, amount > 25 AS big, id FROM orders ORDER BY customer_id, amount > 25, id DESC;
SELECT DISTINCT ON (1) customer_id, id FROM orders ORDER BY 1, 2 DESC;
SELECT DISTINCT ON (customer_id) id FROM orders ORDER BY id;
CREATE TABLE firsts (customer_id int, id int);
INSERT INTO firsts SELECT DISTINCT ON (customer_id) customer_id, id FROM orders ORDER BY customer_id, id DESC;
SELECT * FROM firsts;
