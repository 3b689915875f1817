-- # RESTRICT against NO ACTION
--
-- Both refuse to take a key away from rows that use it. The difference: NO ACTION looks again
-- at the end of the statement and accepts if another row now supplies the key; RESTRICT does
-- not look. Here key 1 moves to 10 and row 5 takes key 1 over, in one statement.
CREATE TABLE parent_na (id int PRIMARY KEY);
CREATE TABLE child_na (id int PRIMARY KEY, parent_id int REFERENCES parent_na ON UPDATE NO ACTION);
CREATE TABLE parent_r (id int PRIMARY KEY);
CREATE TABLE child_r (id int PRIMARY KEY, parent_id int REFERENCES parent_r ON UPDATE RESTRICT);
INSERT INTO parent_na VALUES (1), (5);
INSERT INTO parent_r VALUES (1), (5);
INSERT INTO child_na VALUES (1, 1);
INSERT INTO child_r VALUES (1, 1);

UPDATE parent_na SET id = CASE id WHEN 1 THEN 10 ELSE 1 END;   -- expect: ok
UPDATE parent_r SET id = CASE id WHEN 1 THEN 10 ELSE 1 END;    -- expect: error 23503 child_r_parent_id_fkey
SELECT * FROM parent_na ORDER BY id;
SELECT * FROM parent_r ORDER BY id;
