-- # A self-referencing tree, and TRUNCATE blocked by a key
--
-- A manager cannot leave while someone reports to them (NO ACTION); with ON DELETE CASCADE the
-- whole subtree goes, silently. TRUNCATE does not run the checks row by row: it refuses outright.
CREATE TABLE employees (id int PRIMARY KEY, manager_id int REFERENCES employees);
INSERT INTO employees VALUES (1, NULL), (2, 1), (3, 1), (4, 2), (5, 4), (6, 4);
DELETE FROM employees WHERE id = 2;   -- expect: error 23503 employees_manager_id_fkey
DELETE FROM employees WHERE id IN (2, 4, 5, 6);   -- expect: ok
CREATE TABLE teams (id int PRIMARY KEY);
CREATE TABLE players (id int PRIMARY KEY, team_id int REFERENCES teams);
TRUNCATE teams;   -- expect: error 0A000
TRUNCATE teams, players;   -- expect: ok
-- NOT VALID keeps old orphans but guards new rows; VALIDATE then fails until they are fixed.
INSERT INTO players VALUES (1, 7);   -- expect: error 23503 players_team_id_fkey
ALTER TABLE players DROP CONSTRAINT players_team_id_fkey;
INSERT INTO players VALUES (1, 7);   -- expect: ok
ALTER TABLE players ADD CONSTRAINT players_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams NOT VALID;   -- expect: ok
INSERT INTO players VALUES (2, 8);   -- expect: error 23503 players_team_id_fkey
ALTER TABLE players VALIDATE CONSTRAINT players_team_id_fkey;   -- expect: error 23503 players_team_id_fkey
INSERT INTO teams VALUES (7);
ALTER TABLE players VALIDATE CONSTRAINT players_team_id_fkey;   -- expect: ok
