-- Beside an aggregate with ORDER BY (which only a sorted GroupAggregate runs), an unordered
-- aggregate meets its group's rows in the order PostgreSQL's Sort by the GROUP BY keys left
-- them: a quicksort that is not stable, comparing the keys only.
CREATE TABLE p (id int PRIMARY KEY, k1 int, k2 int, v text);
CREATE TABLE c (id int PRIMARY KEY, k1 int, k2 int, v text, pid int REFERENCES p);
INSERT INTO p SELECT i, i % 4, i % 3, 'v' || i FROM generate_series(1, 40) i;
INSERT INTO c SELECT i, i % 4, i % 3, 'v' || (i % 5), (i * 7) % 9 + 1 FROM generate_series(1, 60) i;
SELECT pid, json_agg(id ORDER BY id), json_agg(v) FILTER (WHERE k1 IS NOT NULL) FROM c GROUP BY pid;
SELECT pid, json_agg(id ORDER BY id), json_agg(id) FROM c GROUP BY pid;
SELECT k1, string_agg(v, ',' ORDER BY v), array_agg(id) FROM c GROUP BY k1;
SELECT k1, k2, array_agg(DISTINCT v), array_agg(id), string_agg(v, ',' ORDER BY v) FROM c GROUP BY k1, k2;
UPDATE c SET pid = NULL WHERE id % 7 = 0;
DELETE FROM c WHERE id % 5 = 1;
INSERT INTO c SELECT i, i % 4, i % 3, 'w' || (i % 5), (i * 7) % 9 + 1 FROM generate_series(61, 75) i;
SELECT pid, json_agg(id ORDER BY id), json_agg(id) FROM c GROUP BY pid;
SELECT pid, count(DISTINCT k1), json_agg(id), array_agg(v ORDER BY v) FROM c GROUP BY pid;
SELECT pid, json_agg(id ORDER BY id), json_agg(id) FROM c WHERE id > 10 GROUP BY pid;
CREATE TABLE tp (id text PRIMARY KEY, v text);
CREATE TABLE tc (id text PRIMARY KEY, pid text REFERENCES tp ON DELETE CASCADE, v text);
INSERT INTO tp SELECT i::text, 'p' || i FROM generate_series(1, 6) i;
INSERT INTO tc SELECT i::text, (i % 6 + 1)::text, 'c' || (i % 4) FROM generate_series(1, 30) i;
DELETE FROM tp WHERE id = '4';
SELECT pid, json_agg(id ORDER BY id), array_agg(id), string_agg(v, ',') FROM tc GROUP BY pid;
SELECT v, array_agg(id), array_agg(pid ORDER BY pid DESC) FROM tc GROUP BY v;
