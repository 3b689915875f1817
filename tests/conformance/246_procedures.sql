CREATE TABLE teams (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE members (id int PRIMARY KEY, team_id int NOT NULL REFERENCES teams ON DELETE CASCADE, name text);
CREATE PROCEDURE add_member(p_team int, p_id int, p_name text)
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO members VALUES (p_id, p_team, p_name);
  RAISE NOTICE 'added % to team %', p_name, p_team;
END;
$$;
CREATE OR REPLACE PROCEDURE add_team(p_id int, p_name text DEFAULT 'unnamed')
LANGUAGE sql AS $$
  INSERT INTO teams VALUES (p_id, p_name);
$$;
CALL add_team(1, 'red');
CALL add_team(2);
CALL add_member(1, 10, 'ann');
CALL add_member(3, 11, 'bob');
CALL add_member(p_team => 2, p_id => 12, p_name => 'cy');
CALL nope(1);
SELECT * FROM teams ORDER BY id;
SELECT * FROM members ORDER BY id;
DROP PROCEDURE add_member(int, int, text);
CALL add_member(1, 13, 'dee');
