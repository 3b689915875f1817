-- RETURNING of UPDATE ... FROM and DELETE ... USING names the joined tables too, and `*` shows
-- their columns after the target's; here after a cascade changed the children's keys.
CREATE TABLE parents (id int PRIMARY KEY, v text);
CREATE TABLE children (id int PRIMARY KEY, pid int REFERENCES parents ON UPDATE CASCADE ON DELETE CASCADE, v text);
INSERT INTO parents VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO children VALUES (1, 1, 'x'), (2, 2, 'y'), (3, 1, 'z'), (4, NULL, 'n'), (5, 3, 'w');
UPDATE parents SET id = 7 WHERE id = 3;
UPDATE children c SET v = p.v || c.v FROM parents p WHERE p.id = c.pid RETURNING c.id, p.id, p.v, c.v;
UPDATE children SET v = 'q' FROM parents WHERE parents.id = children.pid AND parents.id > 1 RETURNING *;
UPDATE children c SET v = 'r' FROM parents p WHERE p.id = c.pid AND p.v = 'a' RETURNING p.*, c.id;
DELETE FROM children c USING parents p WHERE p.id = c.pid AND p.id = 2 RETURNING c.id, p.v;
DELETE FROM children c USING parents p WHERE p.id = c.pid AND p.id = 1 RETURNING *;
DELETE FROM children c USING parents p WHERE p.id = c.pid RETURNING c.id, x.v;
UPDATE children c SET v = 's' FROM parents p WHERE p.id = c.pid RETURNING p.nope;
SELECT * FROM children;
SELECT * FROM parents;
