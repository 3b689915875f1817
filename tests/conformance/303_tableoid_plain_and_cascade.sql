-- tableoid on a plain table and on a partitioned one after a cascading update moved rows
-- between partitions of the referencing table.
CREATE TABLE team (id int PRIMARY KEY);
CREATE TABLE member (team_id int REFERENCES team ON UPDATE CASCADE ON DELETE SET NULL, name text)
    PARTITION BY LIST (team_id);
CREATE TABLE member_1 PARTITION OF member FOR VALUES IN (1);
CREATE TABLE member_2 (name text, team_id int);
ALTER TABLE member ATTACH PARTITION member_2 FOR VALUES IN (2);
CREATE TABLE member_rest PARTITION OF member DEFAULT;
INSERT INTO team VALUES (1), (2);
INSERT INTO member VALUES (1, 'ann'), (2, 'bob');
SELECT tableoid::regclass, * FROM team ORDER BY id;
SELECT t.tableoid::regclass, t.id FROM team t WHERE t.tableoid = 'team'::regclass;
UPDATE team SET id = 2 WHERE id = 1;
UPDATE team SET id = 3 WHERE id = 1;
SELECT tableoid::regclass, * FROM member ORDER BY name;
UPDATE team SET id = 1 WHERE id = 2;
DELETE FROM team WHERE id = 3;
SELECT tableoid::regclass, * FROM member ORDER BY name;
SELECT m.tableoid::regclass, m.name, t.id FROM member m JOIN team t ON t.id = m.team_id;
