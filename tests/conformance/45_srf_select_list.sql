-- Set-returning functions in the select list (PostgreSQL 10+ ProjectSet rules).
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, NULL), (0, 'z');

-- One SRF, with constants beside it.
SELECT generate_series(1, 3), 'x';
SELECT generate_series(1, 3) AS n, 10 AS ten;
SELECT generate_series(5, 1, -2);
SELECT generate_series(1, 10, 4) AS g;
SELECT generate_series(3, 1);
SELECT generate_series(1, 0), 1;

-- Several SRFs run in lockstep: the longest decides, the shorter are padded with NULL.
SELECT generate_series(1, 3) AS g, generate_series(1, 5);
SELECT generate_series(1, 2), generate_series(10, 40, 10), 'k';
SELECT generate_series(1, 3), generate_series(1, 0);
SELECT generate_series(1, 0), generate_series(1, 0);

-- Over each row of the FROM clause; zero rows removes the input row.
SELECT a, generate_series(1, a) FROM t;
SELECT a, b, generate_series(a, 2) AS g FROM t WHERE b IS NOT NULL;
SELECT t.*, generate_series(1, 2) FROM t;

-- In expressions, and nested: the inner one runs first, the outer once per inner row.
SELECT generate_series(1, 3) * 10 AS tens, -generate_series(1, 2);
SELECT abs(generate_series(-2, 2));
SELECT generate_series(1, generate_series(1, 3));
SELECT generate_series(1, 2), generate_series(1, generate_series(1, 3));
SELECT generate_series(1, 3)::text || 'x';

-- NULL arguments make no rows.
SELECT generate_series(NULL, 3);
SELECT generate_series(1, 3, NULL), 'gone';
SELECT generate_series(NULL::int, NULL);

-- Integer, bigint and numeric series, with the step's sign and the type's edge.
SELECT generate_series(2147483645, 2147483647);
SELECT generate_series(2147483640, 2147483647, 3);
SELECT generate_series(-2147483647, -2147483648, -1);
SELECT generate_series(9223372036854775800, 9223372036854775807, 5);
SELECT generate_series(1::bigint, 3);
SELECT generate_series(1::smallint, 3);
SELECT generate_series(1, 3::smallint, 1::smallint);
SELECT generate_series('1', 3);
SELECT generate_series(1, '3', '1');
SELECT generate_series(1.5, 3);
SELECT generate_series(1, 3, 0.5);
SELECT generate_series(0.1, 0.35, 0.1);
SELECT generate_series(1.0, 2), generate_series(1, 2.00);
SELECT generate_series(3, 1, -0.75);

-- Step zero, and calls no generate_series accepts.
SELECT generate_series(1, 10, 0);
SELECT generate_series(1, 3, 0.0);
SELECT generate_series(1, 'a');
SELECT generate_series('1', '3');
SELECT generate_series(NULL, NULL);
SELECT generate_series(1::smallint, 3::smallint);
SELECT generate_series(1);
SELECT generate_series(1, 2, 3, 4);
SELECT generate_series(1, true);
SELECT generate_series(1.5::float8, 3);
SELECT generate_series('a'::text, 'b');

-- With aggregates: the SRF runs after grouping.
SELECT count(*), generate_series(1, 2) FROM t;
SELECT generate_series(1, count(*)::int) FROM t;
SELECT b IS NULL AS nob, count(*), generate_series(1, count(*)::int) FROM t GROUP BY b IS NULL ORDER BY 1;

-- DISTINCT, ORDER BY and LIMIT apply to the expanded rows.
SELECT DISTINCT generate_series(1, 3) % 2 AS parity ORDER BY 1;
SELECT generate_series(1, 3) AS g ORDER BY g DESC;
SELECT generate_series(1, 5) AS g ORDER BY 1 DESC LIMIT 2 OFFSET 1;
SELECT a, generate_series(1, 2) FROM t ORDER BY a DESC;
SELECT 1 AS one ORDER BY generate_series(1, 3);

-- Where SRFs are not allowed.
SELECT a FROM t WHERE generate_series(1, 3) > 1;
SELECT count(generate_series(1, 3));
SELECT sum(a) FROM t HAVING generate_series(1, 2) = 1;
SELECT CASE WHEN true THEN generate_series(1, 3) END;
SELECT coalesce(generate_series(1, 3), 0);
SELECT t.a FROM t JOIN t AS u ON generate_series(1, 2) = u.a;
VALUES (generate_series(1, 2));
SELECT 1 LIMIT generate_series(1, 3);
SELECT * FROM generate_series(1, generate_series(1, 2));
UPDATE t SET a = generate_series(1, 2);
DELETE FROM t WHERE generate_series(1, 2) = 1;
INSERT INTO t (a) SELECT 5 RETURNING generate_series(1, a);
SELECT a FROM t WHERE a = 1 AND generate_series(1, generate_series(1, 2)) = 1;

-- Where one value is needed (a boolean test of a set), and where a set may flow through.
SELECT generate_series(1, 3) BETWEEN 2 AND 3;
SELECT generate_series(1, 3) > 1 AND true;
SELECT true OR generate_series(1, 3) > 1;
SELECT NOT (generate_series(1, 3) > 1);
SELECT (generate_series(1, 3) > 1) IS NOT FALSE;
SELECT CASE WHEN generate_series(1, 3) > 1 THEN 1 END;
SELECT CASE generate_series(1, 3) WHEN 1 THEN 1 END;
SELECT generate_series(1, 3) = 2 AS eq, generate_series(1, 2) IS NULL AS isnull;
SELECT generate_series(1, 3) IN (1, 3) AS inlist, generate_series(1, 3) IS DISTINCT FROM 2 AS d;
SELECT nullif(generate_series(1, 3), 2);
SELECT a FROM t WHERE b;
SELECT (a + 1) IS TRUE FROM t;
SELECT CASE WHEN b THEN 1 END FROM t;
SELECT a FROM t WHERE a IN (SELECT generate_series(1, 2)) ORDER BY a;
SELECT (SELECT generate_series(1, 2));
SELECT (SELECT generate_series(5, 5)) AS five;
