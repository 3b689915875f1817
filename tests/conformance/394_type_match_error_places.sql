-- A column type that cannot be matched is reported at the expression PostgreSQL could not
-- match: a set operation's right side (or, for a nested right side, the expression whose type
-- that side took).
SELECT 1 UNION SELECT 'a'::text;
SELECT 1 UNION SELECT 2 UNION SELECT 'a'::text;
SELECT 1.5 INTERSECT SELECT 'a'::text;
SELECT 1 EXCEPT SELECT 'a'::text UNION SELECT 2;
SELECT 1 UNION (SELECT 'a'::text UNION SELECT 'b');
CREATE TABLE tpos (a int, b text, c date);
INSERT INTO tpos VALUES (1, 'x', '2024-01-01');
SELECT a FROM tpos UNION SELECT b FROM tpos;
SELECT * FROM tpos UNION SELECT b, a, c FROM tpos;
SELECT a + 1 FROM tpos UNION SELECT lower(b) FROM tpos;
SELECT a FROM tpos UNION ALL SELECT a FROM tpos UNION SELECT c FROM tpos;
SELECT b FROM tpos INTERSECT ALL SELECT c - 1 FROM tpos;
SELECT a, b FROM tpos UNION SELECT a, b FROM tpos UNION SELECT a, c FROM tpos;
SELECT a FROM tpos UNION SELECT a FROM tpos ORDER BY 1;
-- CASE and COALESCE: at the first expression whose type does not match those before it.
SELECT CASE WHEN true THEN 'a'::text ELSE 1 END;
SELECT CASE WHEN true THEN 1 WHEN false THEN 'a'::text ELSE 2 END;
SELECT COALESCE(1, 'a'::text);
SELECT COALESCE(NULL, 2, 'b'::text, 3);
SELECT COALESCE(a, b) FROM tpos;
SELECT COALESCE(a + 1, lower(b)) FROM tpos;
SELECT COALESCE(b, a + 1) FROM tpos;
SELECT CASE WHEN a > 0 THEN b ELSE a END FROM tpos;
SELECT CASE WHEN a > 0 THEN c ELSE a * 2 END FROM tpos;
