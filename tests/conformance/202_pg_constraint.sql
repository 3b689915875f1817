-- pg_constraint: the constraints of every table, in creation order, with their deferral, validity,
-- actions and match type; it follows ALTER CONSTRAINT, VALIDATE and rolled-back drops.
CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE, CHECK (id > 0));
CREATE TABLE c (id int, pid int REFERENCES p ON DELETE CASCADE, code text, CONSTRAINT c_code_fk FOREIGN KEY (code) REFERENCES p (code) MATCH FULL ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED);
ALTER TABLE c ADD CONSTRAINT c_nv FOREIGN KEY (pid) REFERENCES p ON UPDATE RESTRICT ON DELETE SET DEFAULT NOT VALID;
SELECT conname, contype, condeferrable, condeferred, convalidated, confupdtype, confdeltype, confmatchtype FROM pg_constraint WHERE conname NOT LIKE 'pg_%' ORDER BY oid;
SELECT conname, conislocal, coninhcount, connoinherit FROM pg_catalog.pg_constraint c WHERE c.contype = 'f' ORDER BY 1;
SELECT count(*) FROM pg_constraint WHERE contype IN ('p', 'u', 'f', 'c') AND conname LIKE 'c%';
SELECT condeferrable, condeferred, conenforced FROM pg_constraint WHERE conname = 'c_nv';
SELECT p.conname FROM pg_constraint p JOIN pg_constraint q ON p.conname = q.conname WHERE p.contype = 'f' ORDER BY 1;
ALTER TABLE c ALTER CONSTRAINT c_code_fk NOT DEFERRABLE;
ALTER TABLE c VALIDATE CONSTRAINT c_nv;
SELECT conname, condeferrable, condeferred, convalidated FROM pg_constraint WHERE contype = 'f' ORDER BY conname;
BEGIN;
ALTER TABLE c DROP CONSTRAINT c_nv;
SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY conname;
ROLLBACK;
SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY conname;
