-- A statement over many rows summarises its trace instead of printing every step.
\trace on
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p ON DELETE SET NULL);
INSERT INTO p SELECT g FROM generate_series(1, 50) AS g;
INSERT INTO c SELECT g, g FROM generate_series(1, 50) AS g;
DELETE FROM p;
\trace off
SELECT count(*) FROM c WHERE p_id IS NULL;
