-- Set-returning functions feeding INSERT, and generate_series in FROM with a step.
CREATE TABLE parents (id int PRIMARY KEY, name text);
CREATE TABLE children (id int PRIMARY KEY, parent_id int REFERENCES parents, n int);

-- INSERT ... SELECT with an SRF in the select list.
INSERT INTO parents SELECT generate_series(1, 100);
SELECT count(*), min(id), max(id) FROM parents;
INSERT INTO parents (id, name) SELECT generate_series(101, 110), 'p';
SELECT count(*) FROM parents WHERE name = 'p';
INSERT INTO parents (name, id) SELECT 'odd', generate_series(201, 209, 2) RETURNING id, name;
INSERT INTO children SELECT generate_series(1, 5), generate_series(1, 3), 7 RETURNING *;
INSERT INTO children SELECT 10 + generate_series(1, 3), id, id * 2 FROM parents WHERE id <= 2;
INSERT INTO children SELECT id * 10 + generate_series(1, 3), id, id * 2 FROM parents WHERE id <= 2;
SELECT * FROM children ORDER BY id;

-- The SRF's rows are checked one by one: a missing parent stops the statement.
INSERT INTO children SELECT generate_series(100, 103), generate_series(108, 111);
SELECT count(*) FROM children;
INSERT INTO children (id) SELECT generate_series(1, 2);
SELECT count(*) FROM children;
INSERT INTO children (id, parent_id) SELECT generate_series(1, 0), 1;
INSERT INTO parents (id) SELECT generate_series(1, 3, 0);

-- A single VALUES row is a select list: an SRF there inserts several rows.
INSERT INTO parents VALUES (generate_series(300, 302), 'v');
SELECT * FROM parents WHERE id >= 300 ORDER BY id;
INSERT INTO parents VALUES (generate_series(400, 401), 'w'), (402, 'w');
INSERT INTO parents (id, name) VALUES (generate_series(500, 504, 2), DEFAULT) RETURNING *;

-- generate_series in FROM: steps, negative steps, names.
SELECT * FROM generate_series(1, 10, 3);
SELECT * FROM generate_series(10, 1, -3);
SELECT * FROM generate_series(1, 10, -1);
SELECT * FROM generate_series(5, 1) AS g;
SELECT * FROM generate_series(1, 3, 0);
SELECT * FROM generate_series(2147483647, 2147483647, 1000000000);
SELECT * FROM generate_series(-2147483647, -2147483648, -5);
SELECT * FROM generate_series(0.5, 2, 0.5) AS x;
SELECT * FROM generate_series(1::bigint, 9, 4) AS g(n);
SELECT g.n * 2 AS twice FROM generate_series(1, 3) g(n);
SELECT generate_series.generate_series FROM generate_series(1, 2);
SELECT g FROM generate_series(1, 2) g;
SELECT * FROM generate_series(1, NULL);
INSERT INTO parents (id) SELECT g FROM generate_series(600, 650, 10) AS g;
SELECT id FROM parents WHERE id >= 600 ORDER BY id;
INSERT INTO parents (id) SELECT g FROM generate_series(700, 690, -5) AS g WHERE g <> 695;
SELECT id FROM parents WHERE id >= 690 ORDER BY id;

-- An SRF in the select list over a series in FROM.
SELECT g, generate_series(1, g) AS h FROM generate_series(1, 3) AS g;
INSERT INTO parents (id, name) SELECT g * 1000 + generate_series(1, g), 'nested' FROM generate_series(1, 3) AS g;
SELECT id FROM parents WHERE name = 'nested' ORDER BY id;
