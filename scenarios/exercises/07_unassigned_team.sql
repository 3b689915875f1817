-- title: Players move to "unassigned"
-- goal: When a team is deleted, its players must move to team 0, "unassigned", which does not
-- goal: exist yet. Make `DELETE FROM teams WHERE id = 1` do that.
-- hint: ON DELETE SET DEFAULT sets the column to its default: give team_id DEFAULT 0.
-- hint: The default is a key like any other: team 0 must exist, or the action itself fails.
-- hint: INSERT INTO teams VALUES (0, 'unassigned'); then one ALTER TABLE players: ALTER COLUMN team_id SET DEFAULT 0, and DROP CONSTRAINT players_team_id_fkey, ADD CONSTRAINT ... ON DELETE SET DEFAULT.
--- setup
CREATE TABLE teams (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE players (id int PRIMARY KEY, team_id int NOT NULL REFERENCES teams);
INSERT INTO teams VALUES (1, 'red'), (2, 'blue');
INSERT INTO players VALUES (1, 1), (2, 1), (3, 2);
--- check
-- deleting a team works
INSERT INTO teams VALUES (501, 'green'), (502, 'gold');
INSERT INTO players VALUES (501, 501), (502, 501), (503, 502);
DELETE FROM teams WHERE id = 501;  -- expect: ok
-- its players are now in team 0
SELECT count(*) FROM players WHERE id IN (501, 502) AND team_id = 0;  -- expect: value 2
-- the others stay where they were
SELECT team_id FROM players WHERE id = 503;  -- expect: value 502
-- team 0 is called unassigned
SELECT name FROM teams WHERE id = 0;  -- expect: value unassigned
-- a player still cannot join a team that does not exist
INSERT INTO players VALUES (504, 999);  -- expect: error 23503
--- solution
INSERT INTO teams VALUES (0, 'unassigned');
ALTER TABLE players
  ALTER COLUMN team_id SET DEFAULT 0,
  DROP CONSTRAINT players_team_id_fkey,
  ADD CONSTRAINT players_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams ON DELETE SET DEFAULT;
--- alternative
BEGIN;
INSERT INTO teams (id, name) VALUES (0, 'unassigned');
ALTER TABLE players
  ALTER COLUMN team_id SET DEFAULT 0,
  DROP CONSTRAINT players_team_id_fkey,
  ADD CONSTRAINT players_team_fk FOREIGN KEY (team_id) REFERENCES teams ON DELETE SET DEFAULT (team_id);
COMMIT;
--- alternative
INSERT INTO teams VALUES (0, 'unassigned');
CREATE FUNCTION move_players() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE players SET team_id = 0 WHERE team_id = OLD.id;
  RETURN OLD;
END;
$$;
CREATE TRIGGER teams_move_players BEFORE DELETE ON teams
  FOR EACH ROW EXECUTE FUNCTION move_players();
--- wrong
ALTER TABLE players ALTER COLUMN team_id SET DEFAULT 0;
ALTER TABLE players DROP CONSTRAINT players_team_id_fkey;
ALTER TABLE players ADD CONSTRAINT players_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams ON DELETE SET DEFAULT;
--- data-only
INSERT INTO teams VALUES (0, 'unassigned');
UPDATE players SET team_id = 0 WHERE team_id = 1;
DELETE FROM teams WHERE id = 1;
