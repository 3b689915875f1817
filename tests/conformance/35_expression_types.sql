-- Type resolution in expressions, as PostgreSQL reports it.
CREATE TABLE t (i int, c char(3), j jsonb);
SELECT CASE WHEN true THEN 'a'::char(1) ELSE 1 END;
SELECT '{"a":1}'::jsonb || '{"b":2}' AS merged;
SELECT 1 LIKE '1%';
INSERT INTO t VALUES (1, 'ab', '{}');
SELECT length(c), c || '|' AS padded FROM t;
SELECT -(-2147483648) AS big;
SELECT coalesce(1, 'x');
SELECT 1 IN (1, 'x');
