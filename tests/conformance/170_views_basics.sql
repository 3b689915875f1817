CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, city text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customers(id), amount numeric(10,2));
INSERT INTO customers VALUES (1, 'Ann', 'Oslo'), (2, 'Bob', 'Rome'), (3, 'Cy', NULL);
INSERT INTO orders VALUES (10, 1, 5.50), (11, 1, 7), (12, 2, 1.25);
CREATE VIEW oslo_customers AS SELECT id, name FROM customers WHERE city = 'Oslo';
SELECT * FROM oslo_customers;
CREATE VIEW big_orders (order_id, cust, amt) AS SELECT id, customer_id, amount FROM orders WHERE amount > 2;
SELECT * FROM big_orders;
SELECT c.name, b.amt FROM customers c JOIN big_orders b ON b.cust = c.id;
SELECT name FROM customers WHERE id IN (SELECT cust FROM big_orders);
CREATE VIEW oslo_names AS SELECT name AS who FROM oslo_customers;
SELECT * FROM oslo_names;
CREATE VIEW oslo_customers AS SELECT 1;
CREATE TABLE oslo_names (x int);
SELECT * FROM nosuchview;
\d oslo_customers
\d+ oslo_customers
\d+ big_orders
\d+ oslo_names
\d
\dv
CREATE VIEW summary AS SELECT c.name, count(o.id) AS n, sum(o.amount) AS total FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name;
SELECT * FROM summary;
\d+ summary
ALTER VIEW oslo_names RENAME TO oslo_people;
SELECT * FROM oslo_people;
\dv
DROP VIEW oslo_names;
DROP VIEW IF EXISTS oslo_names;
DROP VIEW customers;
DROP TABLE oslo_people;
DROP VIEW oslo_people, summary;
\dv
