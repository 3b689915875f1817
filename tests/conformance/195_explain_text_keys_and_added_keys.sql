-- Plans over text and composite keys, bigint constants, a quoted varchar column, and a
-- primary key added to a table that already has rows (its size is then known: a Seq Scan).
CREATE TABLE p (code text PRIMARY KEY, n bigint, k1 int, k2 int, UNIQUE (k1, k2));
CREATE TABLE c (id bigint PRIMARY KEY, pcode text REFERENCES p, "Note" varchar(10));
INSERT INTO p VALUES ('a', 3000000001, 1, 1), ('b', 2, 1, 2);
INSERT INTO c VALUES (1, 'a', 'x'), (2, 'b', 'y');
EXPLAIN (COSTS OFF) SELECT * FROM p WHERE code = 'a';
EXPLAIN (COSTS OFF) SELECT * FROM p WHERE code IN ('a', 'b c');
EXPLAIN (COSTS OFF) SELECT * FROM p WHERE k1 = 1 AND k2 = 2;
EXPLAIN (COSTS OFF) SELECT * FROM p WHERE k1 = 1;
EXPLAIN (COSTS OFF) SELECT * FROM p WHERE n = 3000000001;
EXPLAIN (COSTS OFF) SELECT * FROM c WHERE id = 1;
EXPLAIN (COSTS OFF) SELECT * FROM c WHERE id = -1;
EXPLAIN (COSTS OFF) SELECT * FROM c WHERE "Note" = 'x';
EXPLAIN (COSTS OFF) SELECT * FROM c WHERE id NOT IN (1, 2);
EXPLAIN (COSTS OFF) SELECT * FROM c JOIN p ON p.code = c.pcode;
EXPLAIN (COSTS OFF) SELECT * FROM p WHERE code || '' < '5';
CREATE TABLE q (id int, v text);
INSERT INTO q VALUES (1, 'a'), (2, 'b');
ALTER TABLE q ADD PRIMARY KEY (id);
EXPLAIN (COSTS OFF) SELECT * FROM q WHERE id = 1;
EXPLAIN (COSTS OFF) SELECT v, count(*) FROM q GROUP BY v;
