-- LATERAL: the top orders per customer (the typical foreign-key exploration), LEFT JOIN
-- LATERAL ... ON true, set-returning functions over the row to their left, subqueries in FROM.
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
    id int PRIMARY KEY,
    customer_id int NOT NULL REFERENCES customers (id),
    total numeric,
    items jsonb
);
INSERT INTO customers VALUES (1, 'ann'), (2, 'bob'), (3, 'cid');
INSERT INTO orders VALUES
    (10, 1, 5, '[1, 2]'), (11, 1, 50, '[3]'), (12, 2, 7, '[]'), (13, 1, 12, '["a", "b"]'),
    (14, 2, 70, NULL), (15, 1, 9, '[5]');
SELECT c.name, o.id, o.total
FROM customers c, LATERAL (SELECT * FROM orders o WHERE o.customer_id = c.id ORDER BY total DESC LIMIT 2) o;
SELECT c.name, o.id, o.total
FROM customers c LEFT JOIN LATERAL (
    SELECT id, total FROM orders WHERE customer_id = c.id ORDER BY total LIMIT 2
) o ON true;
SELECT c.name, x.n, x.spent
FROM customers c CROSS JOIN LATERAL (
    SELECT count(*) AS n, sum(total) AS spent FROM orders WHERE customer_id = c.id
) x;
SELECT c.name, t.top
FROM customers c JOIN LATERAL (SELECT max(total) AS top FROM orders o WHERE o.customer_id = c.id) t
    ON t.top > 10;
SELECT o.id, e.value FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.items) e;
SELECT o.id, e.value FROM orders o LEFT JOIN LATERAL jsonb_array_elements_text(o.items) e ON true;
SELECT c.id, g FROM customers c, generate_series(1, c.id) g;
SELECT c.name, o.id, o.rank
FROM customers c, LATERAL (
    SELECT id, rank() OVER (ORDER BY total DESC) FROM orders WHERE customer_id = c.id
) o WHERE o.rank <= 2;
SELECT * FROM (SELECT id, name FROM customers WHERE id > 1) s;
SELECT s.a FROM (SELECT id FROM customers) s(a) ORDER BY 1 DESC;
SELECT * FROM (SELECT customer_id, sum(total) AS spent,
                      row_number() OVER (ORDER BY sum(total) DESC) AS rn
               FROM orders GROUP BY customer_id) t WHERE rn = 1;
SELECT * FROM (SELECT 1);
