-- Deferred checks wait for COMMIT; \whatif shows what a delete would take along; \graph draws the keys.
\trace on
CREATE TABLE a (id int PRIMARY KEY, b_id int);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a DEFERRABLE INITIALLY DEFERRED);
ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b DEFERRABLE INITIALLY DEFERRED;
BEGIN;
INSERT INTO b VALUES (1, 1);
INSERT INTO a VALUES (1, 1);
COMMIT;
\trace off
\whatif DELETE FROM a
\graph
\dn
\d b
