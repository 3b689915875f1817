-- Calls PostgreSQL has no function for: 42883 with the signature, or the schema's error.
CREATE TABLE t (a int, b text, c char(3), d varchar(5));
INSERT INTO t VALUES (1, 'x', 'ab', 'q');

SELECT nosuchfunc(1);
SELECT nosuchfunc();
SELECT nosuchfunc('a', NULL, 1.5, true);
SELECT nosuchfunc(a, b, c, d) FROM t;
SELECT public.nosuchfunc(1);
SELECT public.lower('A');
SELECT pg_catalog.lower('A');
SELECT pg_catalog.nosuchfunc(1);
SELECT a.b.c(1);
SELECT a.b.c.d(1);

-- Functions fksim evaluates, called with types PostgreSQL has no version for.
SELECT lower(1);
SELECT upper(true);
SELECT length(a) FROM t;
SELECT abs(b) FROM t;
SELECT abs('-1.5'), abs(-2);
SELECT abs('x');
SELECT now(1);
SELECT gen_random_uuid(1);

-- Aggregates: wrong types or counts, nesting, and the clauses that refuse them.
SELECT sum(b) FROM t;
SELECT avg(true);
SELECT sum(1, 2);
SELECT count(1, 2);
SELECT max(a, a) FROM t;
SELECT sum(sum(a)) FROM t;
SELECT a FROM t WHERE sum(a) > 0;
SELECT t.a FROM t JOIN t AS u ON count(*) > 0;
VALUES (count(*));
SELECT 1 LIMIT sum(1);
UPDATE t SET a = sum(a);
DELETE FROM t WHERE max(a) = 1;
INSERT INTO t (a) VALUES (2) RETURNING count(*);
SELECT a FROM t WHERE count(generate_series(1, 2)) > 0;
SELECT count(*) FROM t HAVING sum(generate_series(1, 2)) > 0;
