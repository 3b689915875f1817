-- INHERITS: a child starts with its parents' columns (merged by name) and CHECK constraints, but
-- not their keys; a parent with children cannot be dropped alone.
CREATE TABLE base (id int NOT NULL, note text DEFAULT 'b', CHECK (id > 0));
CREATE TABLE base2 (id int, extra int PRIMARY KEY);
CREATE TABLE kid (own int, note text DEFAULT 'k', PRIMARY KEY (id)) INHERITS (base, base2);
\d kid
INSERT INTO kid (id) VALUES (1);
INSERT INTO kid (id) VALUES (1);
INSERT INTO kid (id) VALUES (-1);
INSERT INTO kid (id, extra) VALUES (NULL, 3);
SELECT * FROM kid;
CREATE TABLE ref (k int REFERENCES kid);
CREATE TABLE refbase (k int REFERENCES base2);
INSERT INTO ref VALUES (1), (2);
INSERT INTO base VALUES (5);
CREATE TABLE bad (id text) INHERITS (base);
CREATE TABLE bad (x int) INHERITS (missing);
DROP TABLE base;
\d base
DROP TABLE kid, ref;
DROP TABLE base;
SELECT * FROM base;
\d base
