-- DROP INDEX [IF EXISTS], and the access method \d shows.
CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE, b text, j jsonb);
CREATE INDEX t_b_idx ON t (b);
CREATE INDEX t_h ON t USING hash (b);
CREATE INDEX t_j ON t USING gin (j);
CREATE INDEX t_g ON t USING gist (b);
\d t
DROP INDEX nope;
DROP INDEX IF EXISTS nope, t_b_idx;
DROP INDEX t_pkey;
DROP INDEX t;
DROP INDEX public.t_h;
DROP INDEX IF EXISTS nope.x;
BEGIN;
DROP INDEX t_j;
ROLLBACK;
\d t
