-- # NULL foreign keys
--
-- A foreign key only checks values that are there. NULL means "no link", and PostgreSQL never
-- looks it up: an optional relationship is simply a nullable column.
CREATE TABLE teams (id int PRIMARY KEY);
CREATE TABLE players (id int PRIMARY KEY, team_id int REFERENCES teams);

INSERT INTO players VALUES (1, NULL);   -- expect: ok
INSERT INTO players VALUES (2, 7);      -- expect: error 23503 players_team_id_fkey

-- When every player must have a team, say so with NOT NULL: then NULL is refused too, but with
-- a different error (23502, not-null violation).
CREATE TABLE members (id int PRIMARY KEY, team_id int NOT NULL REFERENCES teams);
INSERT INTO members VALUES (1, NULL);   -- expect: error 23502
INSERT INTO teams VALUES (7);           -- expect: ok
INSERT INTO members VALUES (1, 7);      -- expect: ok
SELECT * FROM players ORDER BY id;
