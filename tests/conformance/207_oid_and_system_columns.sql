-- oid keys: oid input (negative values wrap), integers referencing oid, and system columns, which
-- cannot be key columns.
CREATE TABLE objs (id oid PRIMARY KEY, n int);
INSERT INTO objs VALUES (1, 1), ('4294967295', 2), (-1, 3);
INSERT INTO objs VALUES ('4294967296', 4);
INSERT INTO objs VALUES ('x', 4);
SELECT * FROM objs ORDER BY id;
SELECT * FROM objs WHERE id = 4294967295;
CREATE TABLE uses (obj oid REFERENCES objs, k int);
INSERT INTO uses VALUES (1, 1), (2, 2);
CREATE TABLE uses_int (obj int REFERENCES objs);
CREATE TABLE uses_big (obj bigint REFERENCES objs);
CREATE TABLE sys1 (k int, FOREIGN KEY (tableoid) REFERENCES objs);
CREATE TABLE sys2 (k oid, FOREIGN KEY (k) REFERENCES objs (xmin));
CREATE TABLE sys3 (k oid, FOREIGN KEY (k) REFERENCES objs (nope));
SELECT 7::oid, '-2'::oid;
CREATE TABLE intpk (id int PRIMARY KEY);
CREATE TABLE oidfk (id oid REFERENCES intpk);
INSERT INTO uses_int VALUES (1), (5);
