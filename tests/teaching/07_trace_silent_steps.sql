-- The trace shows the steps that pass without a word: a key with a NULL not looked up (MATCH
-- SIMPLE), NO ACTION finding another row that now supplies the key, and deferred checks that
-- pass at SET CONSTRAINTS and at COMMIT (a row changed since its check was queued is skipped).
\trace on
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, q_id int);
CREATE TABLE pair (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE pc (id int PRIMARY KEY, a int, b int, FOREIGN KEY (a, b) REFERENCES pair);
INSERT INTO p VALUES (1), (0);
INSERT INTO c VALUES (1, NULL, 1);
INSERT INTO pc VALUES (1, 7, NULL);
INSERT INTO c VALUES (2, 1, 1);
UPDATE p SET id = CASE id WHEN 1 THEN 5 ELSE 1 END;
CREATE TABLE dp (id int PRIMARY KEY);
CREATE TABLE dc (id int PRIMARY KEY, dp_id int REFERENCES dp DEFERRABLE INITIALLY DEFERRED);
INSERT INTO dp VALUES (1);
BEGIN;
INSERT INTO dc VALUES (1, 2);
UPDATE dc SET dp_id = 1 WHERE id = 1;
INSERT INTO dc VALUES (2, 5);
DELETE FROM dc WHERE id = 2;
SET CONSTRAINTS ALL IMMEDIATE;
SET CONSTRAINTS ALL DEFERRED;
DELETE FROM dp WHERE id = 1;
INSERT INTO dp VALUES (1);
COMMIT;
