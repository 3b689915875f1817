-- Temporary tables: keys between temporary tables work as any other; a key may not cross between
-- a temporary and a permanent table, in either direction.
CREATE TEMP TABLE tparent (id int PRIMARY KEY);
CREATE TEMPORARY TABLE tchild (id int PRIMARY KEY, pid int REFERENCES tparent ON DELETE CASCADE);
INSERT INTO tparent VALUES (1), (2);
INSERT INTO tchild VALUES (10, 1), (20, 2);
INSERT INTO tchild VALUES (30, 3);
DELETE FROM tparent WHERE id = 1;
SELECT * FROM tchild;
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (pid int REFERENCES tparent);
CREATE TEMP TABLE tchild2 (pid int REFERENCES parent);
CREATE TABLE child (pid int);
ALTER TABLE child ADD FOREIGN KEY (pid) REFERENCES tparent;
ALTER TABLE tchild ADD FOREIGN KEY (pid) REFERENCES parent;
CREATE TEMP TABLE tself (id int PRIMARY KEY, up int REFERENCES tself);
INSERT INTO tself VALUES (1, NULL), (2, 1);
DELETE FROM tself WHERE id = 1;
BEGIN;
CREATE TEMP TABLE gone (id int);
ROLLBACK;
SELECT * FROM gone;
DROP TABLE tparent;
DROP TABLE tparent CASCADE;
SELECT * FROM tchild;
