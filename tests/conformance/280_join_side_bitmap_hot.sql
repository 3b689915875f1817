-- A join whose child side WHERE narrows through an index: PostgreSQL reads that side with a
-- bitmap scan, which meets updated rows at their HOT chain's root, not where their new
-- versions lie; a hash join probing with it prints its rows in that order.
CREATE TABLE parent (id int PRIMARY KEY, k1 int, k2 int, v text, UNIQUE (k1, k2));
CREATE TABLE child (id int PRIMARY KEY, k1 int, k2 int, v text, parent_id int NOT NULL REFERENCES parent ON DELETE CASCADE, UNIQUE (k1, k2));
INSERT INTO parent VALUES (1, 1, 1, 'v1'), (2, 2, 2, 'v2'), (3, 3, 0, 'v3'), (4, 0, 1, 'v4'), (5, 1, 2, 'v5'), (6, 2, 0, 'v6'), (7, 3, 1, 'v7');
INSERT INTO child VALUES (1, 1, 1, 'v1', 3), (2, 2, 2, 'v2', 3), (3, 3, 0, 'v3', 2), (4, 0, 1, 'v4', 1), (5, 1, 2, 'v5', 4), (6, 2, 0, 'v6', 2), (7, 3, 1, 'v7', 6);
UPDATE child SET parent_id = 2 WHERE k1 = 1;
SELECT c.id, p.id, p.v FROM child c JOIN parent p ON p.id = c.parent_id WHERE c.k1 < 2;
SELECT c.id, p.id, p.v FROM child c LEFT JOIN parent p ON p.id = c.parent_id WHERE c.k1 < 2;
DELETE FROM parent WHERE id = 2;
SELECT c.id, p.id FROM child c JOIN parent p ON p.id = c.parent_id WHERE c.k1 < 3;
