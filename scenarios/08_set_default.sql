-- # ON DELETE SET DEFAULT, and a default with no parent
--
-- SET DEFAULT points the children at the column's default. The default is a key like any
-- other: if no parent row has it, the action itself violates the foreign key.
CREATE TABLE teams (id int PRIMARY KEY, name text);
CREATE TABLE players (id int PRIMARY KEY, team_id int DEFAULT 0 REFERENCES teams ON DELETE SET DEFAULT);
INSERT INTO teams VALUES (1, 'red');
INSERT INTO players VALUES (1, 1);

DELETE FROM teams WHERE id = 1;          -- expect: error 23503 players_team_id_fkey

-- give the default a parent, and the same delete works
INSERT INTO teams VALUES (0, 'unassigned');
DELETE FROM teams WHERE id = 1;          -- expect: ok
SELECT * FROM players;
