-- Window functions over a foreign-key pair: rows come out in WindowAgg's sort order.
CREATE TABLE departments (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE employees (
    id int PRIMARY KEY,
    dept_id int REFERENCES departments (id),
    name text,
    salary numeric,
    hired date
);
INSERT INTO departments VALUES (1, 'eng'), (2, 'ops'), (3, 'hr');
INSERT INTO employees VALUES
    (1, 1, 'ann', 100, '2020-01-01'), (2, 1, 'bob', 120, '2020-02-01'),
    (3, 2, 'cid', 90, '2020-03-01'), (4, 1, 'dan', 120, '2020-04-01'),
    (5, 2, 'eve', 90, '2020-05-01'), (6, 3, 'fay', 70, '2020-06-01'),
    (7, 1, 'gus', 80, '2020-07-01'), (8, 2, 'hal', 110, '2020-08-01'),
    (9, 3, NULL, 75, '2020-09-01'), (10, 1, 'ivy', NULL, '2020-10-01'),
    (11, NULL, 'jon', 60, '2020-11-01');
SELECT id, dept_id, salary, row_number() OVER (PARTITION BY dept_id ORDER BY salary DESC) FROM employees;
SELECT id, dept_id, salary, rank() OVER (PARTITION BY dept_id ORDER BY salary DESC),
       row_number() OVER (ORDER BY id DESC) FROM employees;
SELECT id, dept_id, row_number() OVER (ORDER BY id DESC),
       rank() OVER (PARTITION BY dept_id ORDER BY salary DESC) FROM employees;
SELECT id, salary, sum(salary) OVER (ORDER BY salary), count(*) OVER (), avg(salary) OVER (PARTITION BY dept_id)
FROM employees;
SELECT id, dept_id, lag(name) OVER (PARTITION BY dept_id ORDER BY id),
       lead(name, 2, 'none') OVER (PARTITION BY dept_id ORDER BY id),
       first_value(name) OVER (PARTITION BY dept_id ORDER BY hired),
       last_value(name) OVER (PARTITION BY dept_id ORDER BY hired),
       nth_value(name, 2) OVER (PARTITION BY dept_id ORDER BY hired)
FROM employees;
SELECT id, ntile(3) OVER (ORDER BY id), ntile(4) OVER (PARTITION BY dept_id ORDER BY id) FROM employees;
SELECT id, salary, percent_rank() OVER (ORDER BY salary), cume_dist() OVER (ORDER BY salary) FROM employees;
SELECT d.name, count(e.id), sum(count(e.id)) OVER (), rank() OVER (ORDER BY count(e.id) DESC)
FROM departments d LEFT JOIN employees e ON e.dept_id = d.id GROUP BY d.name;
SELECT dept_id, sum(salary), sum(sum(salary)) OVER (ORDER BY dept_id) FROM employees
GROUP BY dept_id HAVING count(*) > 1 ORDER BY 3 DESC;
SELECT id, name FROM employees ORDER BY row_number() OVER (ORDER BY name NULLS FIRST) DESC;
SELECT DISTINCT dept_id, count(*) OVER (PARTITION BY dept_id) FROM employees;
SELECT id, generate_series(1, 2) AS n, row_number() OVER () FROM employees WHERE id < 3;
SELECT id, row_number() OVER (ORDER BY dept_id) FROM employees LIMIT 4;
SELECT * FROM employees e WHERE false ORDER BY rank() OVER (ORDER BY id);
