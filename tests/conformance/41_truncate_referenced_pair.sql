-- TRUNCATE of tables that others reference: which pair the error names (the named tables in
-- list order; for the first one referenced from outside the list, the oldest referencing
-- table), and the order CASCADE reaches the others in (rounds, each by table age).
CREATE SCHEMA other;
CREATE TABLE late (id int PRIMARY KEY, t_id int);
CREATE TABLE r (id int PRIMARY KEY, parent_id int REFERENCES r);
CREATE TABLE s (id int PRIMARY KEY);
CREATE TABLE u (id int PRIMARY KEY, s_id int);
CREATE TABLE t (id int PRIMARY KEY, r_id int REFERENCES r, s_id int REFERENCES s);
CREATE TABLE other.v (s_id int REFERENCES s, r_id int);
-- constraints added later still count by their table's age
ALTER TABLE u ADD FOREIGN KEY (s_id) REFERENCES s;
ALTER TABLE other.v ADD FOREIGN KEY (r_id) REFERENCES r;
ALTER TABLE late ADD FOREIGN KEY (t_id) REFERENCES t;
INSERT INTO r VALUES (1, NULL), (2, 1);
INSERT INTO s VALUES (1);
INSERT INTO t VALUES (1, 1, 1);
-- a self-reference never blocks
CREATE TABLE tree (id int PRIMARY KEY, parent_id int REFERENCES tree);
INSERT INTO tree VALUES (1, NULL), (2, 1);
TRUNCATE tree;
TRUNCATE r;
TRUNCATE r, s;
TRUNCATE s, r;
TRUNCATE s;
TRUNCATE s, t;
TRUNCATE t, s, u;
TRUNCATE r, t;
TRUNCATE s, r, t;
TRUNCATE s, r, s;
TRUNCATE t, other.v, u, s, r;
TRUNCATE r, nope;
-- CASCADE: each round of referencing tables by age, the next round after
BEGIN;
TRUNCATE r CASCADE;
SELECT count(*) FROM t;
ROLLBACK;
BEGIN;
TRUNCATE s CASCADE;
ROLLBACK;
BEGIN;
TRUNCATE s, r, s CASCADE;
ROLLBACK;
BEGIN;
TRUNCATE t, r CASCADE;
ROLLBACK;
-- a table reached by CASCADE is checked for pending events when it joins
CREATE TABLE w (id int PRIMARY KEY);
CREATE TABLE x (w_id int REFERENCES w DEFERRABLE INITIALLY DEFERRED, s_id int REFERENCES s);
BEGIN;
INSERT INTO x VALUES (5, NULL);
TRUNCATE s CASCADE;
ROLLBACK;
-- with every referencing table in the list it goes through
TRUNCATE late, t, other.v, u, s, r, x;
SELECT count(*) FROM r;
