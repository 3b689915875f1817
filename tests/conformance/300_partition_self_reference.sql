-- A foreign key from a partitioned table to itself: a row of one partition referencing a row
-- of another, the delete refused across partitions, and where each row lives (tableoid).
CREATE TABLE node (
    id bigint NOT NULL PRIMARY KEY,
    up bigint REFERENCES node (id)
) PARTITION BY RANGE (id);
CREATE TABLE node_low (id bigint NOT NULL PRIMARY KEY, up bigint);
ALTER TABLE node ATTACH PARTITION node_low FOR VALUES FROM (0) TO (10);
CREATE TABLE node_high PARTITION OF node FOR VALUES FROM (10) TO (20)
    PARTITION BY RANGE (id);
CREATE TABLE node_high_a PARTITION OF node_high FOR VALUES FROM (10) TO (15);
CREATE TABLE node_high_b PARTITION OF node_high FOR VALUES FROM (15) TO (20);
INSERT INTO node VALUES (1, NULL), (2, NULL) RETURNING tableoid::regclass, *;
INSERT INTO node VALUES (11, 1), (16, 2), (3, 16) RETURNING tableoid::regclass, id;
INSERT INTO node VALUES (4, 9);
DELETE FROM node WHERE id = 1;
DELETE FROM node_low WHERE id = 2;
DELETE FROM node WHERE id = 16 RETURNING tableoid::regclass;
UPDATE node SET up = NULL WHERE id = 3 RETURNING tableoid::regclass, up;
DELETE FROM node WHERE id = 16 RETURNING tableoid::regclass, node.*;
SELECT tableoid::regclass, * FROM node ORDER BY id;
SELECT n.tableoid::regclass AS part, count(*) FROM node n GROUP BY n.tableoid ORDER BY part::text;
SELECT * FROM node WHERE tableoid = 'node_low'::regclass;
SELECT * FROM pg_partition_tree('node');
SELECT relid, level FROM pg_partition_tree('node_high') WHERE isleaf;
SELECT * FROM pg_partition_tree('node_low');
CREATE TABLE plain (a int);
SELECT count(*) FROM pg_partition_tree('plain');
SELECT c.relname, co.conname, p.conname AS conparent, cf.relname AS foreignrel
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
LEFT JOIN pg_class cf ON cf.oid = co.confrelid
LEFT JOIN pg_constraint p ON p.oid = co.conparentid
WHERE co.contype = 'f' AND c.oid IN (SELECT relid FROM pg_partition_tree('node'))
ORDER BY c.relname, co.conname;
ALTER TABLE node DETACH PARTITION node_high;
SELECT * FROM pg_partition_tree('node');
