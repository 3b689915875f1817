-- [NOT] ENFORCED on a constraint is PostgreSQL 18 syntax: PostgreSQL 15 stops at the word, and
-- the script goes on without the statement. A column may still be called enforced.
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int REFERENCES parent NOT ENFORCED, enforced int);
CREATE TABLE child (id int REFERENCES parent ENFORCED);
CREATE TABLE child (id int, FOREIGN KEY (id) REFERENCES parent (id) MATCH FULL ENFORCED);
CREATE TABLE child (id int CONSTRAINT c_fk REFERENCES parent, enforced boolean);
ALTER TABLE child ADD CONSTRAINT c2 FOREIGN KEY (id) REFERENCES parent NOT VALID NOT ENFORCED;
ALTER TABLE child ALTER CONSTRAINT c_fk ENFORCED;
ALTER TABLE child ALTER CONSTRAINT c_fk NOT ENFORCED NOT DEFERRABLE;
ALTER TABLE child ADD CHECK (id > 0) NOT ENFORCED;
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES (1, true);
SELECT enforced FROM child;
\d child
