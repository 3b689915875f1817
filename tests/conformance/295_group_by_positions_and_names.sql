-- GROUP BY a select-list position or an output column's name, as the children-per-parent
-- counts of a foreign key are usually written.
CREATE TABLE parent (id int PRIMARY KEY, name text);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent ON DELETE CASCADE, kind text);
INSERT INTO parent VALUES (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO child VALUES (10, 1, 'a'), (11, 1, 'b'), (12, 2, 'a'), (13, 1, 'a'), (14, NULL, 'b'), (15, 2, 'A');
SELECT parent_id, count(*) FROM child GROUP BY 1 ORDER BY 1;
SELECT parent_id, kind, count(*) FROM child GROUP BY 1, 2 ORDER BY 1, 2;
SELECT p.name AS parent_name, count(c.id) AS children
  FROM parent p LEFT JOIN child c ON c.parent_id = p.id
  GROUP BY parent_name ORDER BY children DESC, parent_name;
SELECT coalesce(parent_id, 0) AS pid, count(*) FROM child GROUP BY pid HAVING count(*) > 1 ORDER BY pid;
-- An input column of the name wins over the output column.
SELECT upper(kind) AS kind, count(*) FROM child GROUP BY kind ORDER BY 1, 2;
SELECT upper(kind) AS k, count(*) FROM child GROUP BY 1 ORDER BY k;
SELECT parent_id, count(*) FROM child GROUP BY 3;
SELECT parent_id, count(*) FROM child GROUP BY 0;
SELECT parent_id AS k, kind AS k FROM child GROUP BY k;
DELETE FROM parent WHERE id = 1;
SELECT parent_id, count(*) FROM child GROUP BY 1 ORDER BY 1;
