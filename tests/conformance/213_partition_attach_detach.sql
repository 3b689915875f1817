-- ATTACH PARTITION checks the table's rows against the bound, the key's NOT NULL columns,
-- overlaps and the default partition; DETACH makes a plain table again. The keys of the
-- partitioned table reach an attached table, and leave it when it is detached.
CREATE TABLE accounts (id int PRIMARY KEY);
INSERT INTO accounts VALUES (1), (2);
CREATE TABLE events (id int NOT NULL, account_id int REFERENCES accounts, PRIMARY KEY (id))
    PARTITION BY RANGE (id);
CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (1) TO (100);
CREATE TABLE events_rest PARTITION OF events DEFAULT;
INSERT INTO events VALUES (1, 1), (500, 2);
CREATE TABLE events_2 (id int, account_id int);
INSERT INTO events_2 VALUES (150, 1), (250, 2);
ALTER TABLE events ATTACH PARTITION events_2 FOR VALUES FROM (100) TO (200);
ALTER TABLE events_2 ALTER COLUMN id SET NOT NULL;
ALTER TABLE events ATTACH PARTITION events_2 FOR VALUES FROM (100) TO (200);
DELETE FROM events_2 WHERE id = 250;
ALTER TABLE events ATTACH PARTITION events_2 FOR VALUES FROM (50) TO (200);
ALTER TABLE events ATTACH PARTITION events_2 FOR VALUES FROM (100) TO (200);
ALTER TABLE events ATTACH PARTITION events_2 FOR VALUES FROM (100) TO (200);
\d events_2
SELECT * FROM events;
INSERT INTO events VALUES (160, 3);
INSERT INTO events VALUES (160, 2);
-- A new range that the default partition already holds rows of.
CREATE TABLE events_4 PARTITION OF events FOR VALUES FROM (400) TO (600);
CREATE TABLE events_3 PARTITION OF events FOR VALUES FROM (200) TO (300);
-- Rows that break the table's own foreign key copy are refused at ATTACH.
CREATE TABLE events_5 (id int NOT NULL, account_id int);
INSERT INTO events_5 VALUES (700, 9);
ALTER TABLE events ATTACH PARTITION events_5 FOR VALUES FROM (600) TO (800);
-- A table with a column the parent lacks.
CREATE TABLE events_6 (id int NOT NULL, account_id int, extra int);
ALTER TABLE events ATTACH PARTITION events_6 FOR VALUES FROM (800) TO (900);
-- Attaching to a table that is not partitioned, or a table that already is a partition.
ALTER TABLE accounts ATTACH PARTITION events_6 FOR VALUES FROM (1) TO (2);
ALTER TABLE events ATTACH PARTITION events_1 FOR VALUES FROM (900) TO (1000);
-- DETACH.
ALTER TABLE events DETACH PARTITION events_1;
\d events_1
INSERT INTO events_1 VALUES (5000, 9);
SELECT * FROM events;
ALTER TABLE events DETACH PARTITION events_1;
ALTER TABLE events DETACH PARTITION accounts;
\d events
