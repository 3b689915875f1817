-- Named windows (WINDOW w AS ...), windows refining them, and how several windows stack.
CREATE TABLE regions (id int PRIMARY KEY, name text);
CREATE TABLE sales (id int PRIMARY KEY, region_id int REFERENCES regions (id), rep text, amount int);
INSERT INTO regions VALUES (1, 'north'), (2, 'south');
INSERT INTO sales VALUES
    (1, 1, 'ann', 30), (2, 2, 'bob', 10), (3, 1, 'cid', 30), (4, 2, 'dan', 50),
    (5, 1, 'eve', 20), (6, 2, 'fay', 10), (7, 1, 'gus', 40), (8, 2, 'hal', 60), (9, NULL, 'ivy', 5);
SELECT id, rank() OVER w, sum(amount) OVER w FROM sales WINDOW w AS (PARTITION BY region_id ORDER BY amount);
SELECT id, sum(amount) OVER (w ORDER BY id), count(*) OVER w FROM sales WINDOW w AS (PARTITION BY region_id);
SELECT id, last_value(id) OVER (ORDER BY amount ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING),
       first_value(id) OVER w, nth_value(rep, 3) OVER w
FROM sales WINDOW w AS (PARTITION BY region_id ORDER BY id);
SELECT id, row_number() OVER (ORDER BY amount), row_number() OVER (ORDER BY amount DESC),
       row_number() OVER (PARTITION BY region_id) FROM sales;
SELECT id, region_id, amount, sum(amount) OVER (PARTITION BY region_id ORDER BY amount DESC),
       max(amount) OVER (PARTITION BY region_id) FROM sales ORDER BY region_id, amount DESC;
SELECT id, rank() OVER (ORDER BY amount) FROM sales ORDER BY amount DESC, id;
SELECT id, amount FROM sales WINDOW unused AS (ORDER BY rep) ORDER BY id;
SELECT r.name, s.rep, s.amount, rank() OVER w
FROM regions r JOIN sales s ON s.region_id = r.id WINDOW w AS (PARTITION BY r.name ORDER BY s.amount DESC);
