-- COPY ... FROM stdin with pg_dump's text-format data lines, and COPY ... TO stdout.
CREATE TABLE p (id int PRIMARY KEY, s text);
CREATE TABLE c (id int, p int REFERENCES p, d date, n numeric(4,1));
COPY p FROM stdin;
1	one
2	two\\x\ny\ttab \101\x42
\.
COPY p TO stdout;
-- A row that breaks a key names its line; a bad value its line and column.
COPY p FROM stdin;
3	three
1	dup
\.
COPY p FROM stdin;
x	bad
\.
COPY p FROM stdin;
3
\.
COPY p FROM stdin;
3	a	b
\.
-- Foreign keys are checked at the end of the COPY, as at the end of any statement.
COPY c (id, p, n) FROM stdin;
1	9	2.25
\.
COPY c (id, p) FROM stdin;
1	1
2	\N

\.
COPY c TO stdout;
COPY p (s) TO stdout;
COPY p (zz) TO stdout;
-- A COPY the server refuses before reading data: psql reads the data lines as SQL.
COPY nope FROM stdin;
1
\.
SELECT count(*) FROM c;
COPY p (zz) FROM stdin;
\.
BEGIN;
SELECT 1/0;
COPY p FROM stdin;
5	x
\.
ROLLBACK;
ROLLBACK;
-- An empty COPY, and one inside a transaction that rolls back.
COPY p FROM stdin;
\.
BEGIN;
COPY p FROM stdin;
10	ten
\.
ROLLBACK;
SELECT * FROM p ORDER BY id;
