-- Writing through a partitioned table: an UPDATE that changes the partition key moves the
-- row to its new partition (or fails when none takes it); RETURNING, COPY, ON CONFLICT,
-- TRUNCATE and DROP reach the partitions.
CREATE TABLE tasks (id int, state text, owner_id int, PRIMARY KEY (id, state))
    PARTITION BY LIST (state);
CREATE TABLE tasks_open PARTITION OF tasks FOR VALUES IN ('open');
CREATE TABLE tasks_done PARTITION OF tasks FOR VALUES IN ('done', 'archived');
INSERT INTO tasks VALUES (1, 'open', 10), (2, 'open', 20), (3, 'done', 10) RETURNING *;
UPDATE tasks SET state = 'done' WHERE id = 1 RETURNING id, state;
SELECT * FROM tasks_open;
SELECT * FROM tasks_done;
UPDATE tasks SET state = 'lost' WHERE id = 2;
UPDATE tasks_open SET state = 'done' WHERE id = 2;
UPDATE tasks SET owner_id = owner_id + 1 RETURNING *;
DELETE FROM tasks WHERE owner_id = 11 RETURNING *;
SELECT * FROM tasks;
INSERT INTO tasks VALUES (2, 'open', 0) ON CONFLICT DO NOTHING;
INSERT INTO tasks VALUES (2, 'open', 0) ON CONFLICT (id, state) DO UPDATE SET owner_id = 99;
SELECT * FROM tasks;
COPY tasks FROM stdin;
7	open	70
8	archived	80
\.
COPY tasks FROM stdin;
9	gone	90
\.
SELECT * FROM tasks;
SELECT state, count(*) FROM tasks GROUP BY state ORDER BY state;
SELECT t.id, u.id FROM tasks t JOIN tasks u ON u.owner_id = t.owner_id ORDER BY 1, 2;
SELECT * FROM tasks WHERE id IN (SELECT id FROM tasks_done);
TRUNCATE tasks;
SELECT count(*) FROM tasks_open;
DROP TABLE tasks_done;
\d tasks
DROP TABLE tasks;
SELECT * FROM tasks_open;
