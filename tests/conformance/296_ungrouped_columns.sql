-- A grouped query may read only grouped columns, aggregates, or columns of a table whose primary
-- key it groups by (a parent grouped by its key, counting its children).
CREATE TABLE parent (id int PRIMARY KEY, name text);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent, kind text);
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
INSERT INTO child VALUES (10, 1, 'a'), (11, 1, 'b'), (12, 2, 'a');
SELECT kind, count(*) FROM child GROUP BY parent_id;
SELECT parent_id, count(*) FROM child;
SELECT p.id, p.name, count(c.id) FROM parent p LEFT JOIN child c ON c.parent_id = p.id GROUP BY p.id ORDER BY p.id;
SELECT p.name, count(*) FROM parent p JOIN child c ON c.parent_id = p.id GROUP BY c.parent_id;
SELECT parent_id, count(*) FROM child GROUP BY parent_id HAVING max(kind) > 'a' ORDER BY kind;
SELECT parent_id + 1 AS n, count(*) FROM child GROUP BY parent_id + 1 ORDER BY 1;
SELECT parent_id, count(*) FROM child GROUP BY parent_id HAVING kind = 'a';
SELECT c.parent_id, (SELECT name FROM parent WHERE id = c.parent_id) FROM child c GROUP BY c.parent_id ORDER BY 1;
SELECT id, (SELECT count(*) FROM child c WHERE c.parent_id = p.id) FROM parent p ORDER BY 1;
SELECT upper(kind), count(*) FROM child GROUP BY upper(kind) ORDER BY 1;
SELECT kind FROM child GROUP BY kind, parent_id ORDER BY parent_id, kind;
SELECT c.* , count(*) FROM child c GROUP BY c.id ORDER BY 1;
