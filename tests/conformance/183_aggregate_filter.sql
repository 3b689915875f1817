-- FILTER on aggregates (plain, grouped and as windows), bool_and / bool_or / every.
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, vip boolean);
CREATE TABLE orders (
    id int PRIMARY KEY,
    customer_id int REFERENCES customers (id) ON DELETE SET NULL,
    total numeric(8, 2),
    status text
);
INSERT INTO customers VALUES (1, 'ann', true), (2, 'bob', false), (3, 'cid', NULL);
INSERT INTO orders VALUES
    (10, 1, 5.50, 'paid'), (11, 1, 50, 'open'), (12, 2, 7, 'paid'), (13, 1, 12.25, 'void'),
    (14, 2, 70, 'paid'), (15, NULL, 9, 'open'), (16, 3, NULL, 'open');
SELECT count(*) FILTER (WHERE status = 'paid') AS paid,
       count(*) FILTER (WHERE status <> 'paid') AS other,
       sum(total) FILTER (WHERE status = 'open') AS open_total,
       avg(total) FILTER (WHERE customer_id IS NOT NULL),
       max(id) FILTER (WHERE false) FROM orders;
SELECT customer_id, count(*) FILTER (WHERE total > 10), sum(total) FILTER (WHERE status = 'paid')
FROM orders GROUP BY customer_id ORDER BY customer_id;
SELECT c.name, count(o.id) FILTER (WHERE o.status = 'open') AS open_orders
FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name;
SELECT id, status, count(*) FILTER (WHERE status = 'paid') OVER (ORDER BY id) FROM orders;
SELECT bool_and(total > 5), bool_or(total > 60), every(status <> 'void') FROM orders;
SELECT customer_id, bool_and(status = 'paid') FROM orders GROUP BY customer_id ORDER BY 1;
SELECT bool_and(vip), bool_or(vip) FROM customers WHERE id > 5;
SELECT count(DISTINCT status) FILTER (WHERE total IS NOT NULL) FROM orders;
SELECT lower(status) FILTER (WHERE true) FROM orders;
SELECT row_number() FILTER (WHERE true) OVER () FROM orders;
SELECT count(*) FILTER (WHERE count(*) > 1) FROM orders;
SELECT count(*) FILTER (WHERE total) FROM orders;
