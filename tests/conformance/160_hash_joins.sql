-- Equi-joins are hash joins: the side whose key is unique is hashed, rows come in the probe
-- side's order; outer joins add the rows nothing matched.
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, note text);
INSERT INTO customers VALUES (3, 'carol'), (1, 'ann'), (2, 'bob'), (4, 'dan'), (5, 'eve');
INSERT INTO orders VALUES (10, 2, 'a'), (11, 1, 'b'), (12, 2, 'c'), (13, 9, 'orphan'), (14, NULL, 'none'), (15, 3, 'd');
SELECT c.name, o.id FROM customers c JOIN orders o ON c.id = o.customer_id;
SELECT o.id, c.name FROM orders o JOIN customers c ON o.customer_id = c.id;
SELECT c.name, o.id FROM customers c LEFT JOIN orders o ON c.id = o.customer_id;
SELECT o.id, c.name FROM orders o LEFT JOIN customers c ON c.id = o.customer_id;
SELECT o.id, c.name FROM orders o RIGHT JOIN customers c ON c.id = o.customer_id;
SELECT c.name, o.id FROM customers c RIGHT JOIN orders o ON c.id = o.customer_id;
SELECT c.name, o.id FROM customers c FULL JOIN orders o ON c.id = o.customer_id;
SELECT o.id, c.name FROM orders o FULL JOIN customers c ON c.id = o.customer_id;
-- The orphan checks every foreign-key lesson teaches.
SELECT o.id, o.customer_id FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL;
SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL AND o.customer_id IS NOT NULL;
-- Extra conditions beside the key, and a join on two columns.
SELECT c.name, o.id FROM customers c JOIN orders o ON c.id = o.customer_id AND o.note <> 'c';
SELECT c.name, o.id FROM customers c LEFT JOIN orders o ON c.id = o.customer_id AND o.note = 'b';
CREATE TABLE a (x int, y int);
CREATE TABLE b (x int, y int, z text);
INSERT INTO a VALUES (1, 1), (1, 2), (2, 2), (NULL, 1);
INSERT INTO b VALUES (1, 2, 'p'), (2, 2, 'q'), (1, 1, 'r'), (1, NULL, 's');
SELECT * FROM a JOIN b ON a.x = b.x AND a.y = b.y;
SELECT * FROM a LEFT JOIN b ON a.x = b.x AND a.y = b.y;
-- Not an equi-join: a nested loop.
SELECT c.name, o.id FROM customers c JOIN orders o ON o.customer_id < c.id AND c.id < 3;
SELECT c.name, o.id FROM customers c LEFT JOIN orders o ON o.customer_id > c.id + 1;
