-- Ranking with many ties: the order PostgreSQL's (unstable) sort leaves peers in.
CREATE TABLE teams (id int PRIMARY KEY, name text);
CREATE TABLE scores (id int PRIMARY KEY, team_id int REFERENCES teams (id), points int, tag text);
INSERT INTO teams SELECT i, 'team' || i FROM generate_series(1, 4) i;
INSERT INTO scores SELECT i, i % 4 + 1, (i * 7) % 5, 'x' || (i % 3) FROM generate_series(1, 40) i;
SELECT id, team_id, points, rank() OVER (ORDER BY points) FROM scores;
SELECT id, team_id, points, dense_rank() OVER (PARTITION BY team_id ORDER BY points DESC) FROM scores;
SELECT id, tag, row_number() OVER (ORDER BY tag), rank() OVER (ORDER BY tag, points) FROM scores;
SELECT team_id, points, count(*) OVER (PARTITION BY team_id, points) FROM scores;
SELECT id, points, tag, row_number() OVER (PARTITION BY tag), sum(points) OVER (PARTITION BY tag ORDER BY points)
FROM scores;
SELECT t.name, s.id, s.points, rank() OVER (PARTITION BY t.id ORDER BY s.points DESC)
FROM teams t JOIN scores s ON s.team_id = t.id WHERE s.id > 20;
SELECT id, points FROM scores ORDER BY dense_rank() OVER (ORDER BY points DESC), id LIMIT 10;
