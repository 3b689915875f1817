-- MATCH FULL and a referencing row whose key is partly NULL (left there by NOT VALID): every
-- UPDATE of that row is checked, even one that leaves the key alone; all-NULL keys and MATCH
-- SIMPLE are never checked.
CREATE TABLE parents (a int, b int, PRIMARY KEY (a, b));
INSERT INTO parents VALUES (1, 1), (2, 2);
CREATE TABLE kids (id int PRIMARY KEY, a int, b int, note text);
INSERT INTO kids VALUES (1, 1, NULL, 'mixed'), (2, NULL, NULL, 'all null'), (3, 1, 1, 'full'), (4, NULL, 2, 'mixed');
ALTER TABLE kids ADD CONSTRAINT kids_full FOREIGN KEY (a, b) REFERENCES parents MATCH FULL;
ALTER TABLE kids ADD CONSTRAINT kids_full FOREIGN KEY (a, b) REFERENCES parents MATCH FULL NOT VALID;
-- the key is not touched, yet the update fails
UPDATE kids SET note = 'touched' WHERE id = 1;
UPDATE kids SET note = 'touched' WHERE id = 4;
UPDATE kids SET id = 10 WHERE id = 1;
UPDATE kids SET b = NULL WHERE id = 1;
-- rows with an all-NULL or a complete key update as usual
UPDATE kids SET note = 'touched' WHERE id IN (2, 3);
-- a whole-table update meets the mixed rows too
UPDATE kids SET note = 'all';
-- making the key whole, or all NULL, is allowed
UPDATE kids SET b = 1 WHERE id = 1;
UPDATE kids SET b = NULL WHERE id = 4;
UPDATE kids SET b = 9 WHERE id = 1;
SELECT * FROM kids ORDER BY id;
ALTER TABLE kids VALIDATE CONSTRAINT kids_full;
-- deferred: the check waits, and a row made whole or all NULL before it fires passes
CREATE TABLE pets (id int PRIMARY KEY, a int, b int, note text);
INSERT INTO pets VALUES (1, 2, NULL, 'mixed');
ALTER TABLE pets ADD CONSTRAINT pets_full FOREIGN KEY (a, b) REFERENCES parents MATCH FULL DEFERRABLE INITIALLY DEFERRED NOT VALID;
BEGIN;
UPDATE pets SET note = 'deferred';
SELECT * FROM pets;
COMMIT;
BEGIN;
UPDATE pets SET note = 'deferred, then fixed';
UPDATE pets SET a = NULL;
COMMIT;
SELECT * FROM pets;
BEGIN;
UPDATE pets SET a = 2, note = 'mixed again';
SET CONSTRAINTS pets_full IMMEDIATE;
ROLLBACK;
-- MATCH SIMPLE lets the same row be updated
CREATE TABLE toys (id int PRIMARY KEY, a int, b int, note text, FOREIGN KEY (a, b) REFERENCES parents);
INSERT INTO toys VALUES (1, 7, NULL, 'mixed');
UPDATE toys SET note = 'touched';
SELECT * FROM toys;
-- a partial SET NULL action leaves a mixed key behind under MATCH FULL
CREATE TABLE games (id int PRIMARY KEY, a int, b int,
  FOREIGN KEY (a, b) REFERENCES parents MATCH FULL ON DELETE SET NULL (b));
INSERT INTO games VALUES (1, 2, 2);
DELETE FROM parents WHERE a = 2;
SELECT * FROM games;
