-- A parent row whose key has a NULL was never referenced: deleting it queues no foreign-key
-- event, so nothing is pending for ALTER TABLE to refuse.
CREATE TABLE t0 (id int PRIMARY KEY, k1 int, k2 int, UNIQUE (k1, k2));
CREATE TABLE t1 (id int PRIMARY KEY, f1a int REFERENCES t0(id) ON DELETE CASCADE);
CREATE TABLE t2 (id int PRIMARY KEY, f1a int, f1b int, FOREIGN KEY (f1a, f1b) REFERENCES t0(k1, k2) DEFERRABLE INITIALLY DEFERRED);
INSERT INTO t0 VALUES (1, 1, NULL), (2, 2, 2);
BEGIN;
DELETE FROM t0 WHERE id = 1;
ALTER TABLE t1 DROP CONSTRAINT t1_f1a_fkey;
ROLLBACK;
BEGIN;
DELETE FROM t0 WHERE id = 2;
ALTER TABLE t1 DROP CONSTRAINT t1_f1a_fkey;
ROLLBACK;
