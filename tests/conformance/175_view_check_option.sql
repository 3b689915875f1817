CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p(id), note text);
INSERT INTO p VALUES (1);
CREATE VIEW small_c AS SELECT id, pid, note FROM c WHERE id < 10 WITH CHECK OPTION;
CREATE VIEW local_c AS SELECT id, pid FROM c WHERE id < 10 WITH LOCAL CHECK OPTION;
INSERT INTO small_c VALUES (1, 1, 'ok');
INSERT INTO small_c VALUES (20, 1, 'too big');
INSERT INTO small_c VALUES (20, 5, 'too big and orphan');
INSERT INTO small_c VALUES (2, 5, 'orphan');
INSERT INTO local_c VALUES (30, NULL);
INSERT INTO local_c VALUES (3, NULL) RETURNING pid, id;
UPDATE small_c SET id = 50 WHERE id = 1;
UPDATE small_c SET note = 'fine' WHERE id = 1 RETURNING *;
UPDATE small_c SET pid = 7 WHERE id = 1;
DELETE FROM p;
SELECT * FROM c;
\d+ small_c
\d+ local_c
CREATE VIEW w AS SELECT id, coalesce(note, 'none') AS n FROM c WHERE id IN (1, 2) AND pid NOT IN (3);
\d+ w
SELECT * FROM w;
CREATE OR REPLACE VIEW w AS SELECT id, coalesce(note, 'none') AS n, pid FROM c;
SELECT * FROM w;
CREATE OR REPLACE VIEW w AS SELECT id, note AS n FROM c;
CREATE OR REPLACE VIEW w AS SELECT id, 'x'::varchar AS n, pid FROM c;
BEGIN;
CREATE VIEW gone AS SELECT 1 AS one;
DROP VIEW w;
ROLLBACK;
\dv
