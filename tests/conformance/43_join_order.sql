-- Parents joined with their children, without ORDER BY. PostgreSQL hashes the side whose join
-- key is unique (the parents) and probes with the other, so rows come in the children's scan
-- order whichever table FROM names first. A LEFT JOIN from the parents is then a Hash Right
-- Join: the parents without children come last, in the order of the hash table's buckets.
CREATE TABLE p (id int PRIMARY KEY, name text);
CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p, v text);
INSERT INTO p VALUES (3, 'c'), (1, 'a'), (2, 'b');
INSERT INTO c VALUES (10, 2, 'x'), (11, 1, 'y'), (12, 3, 'z'), (13, 1, 'w'), (14, NULL, 'n');
UPDATE c SET v = 'yy' WHERE id = 11;
SELECT * FROM p JOIN c ON c.pid = p.id;
SELECT * FROM c JOIN p ON c.pid = p.id;
SELECT p.name, c.v FROM p JOIN c ON p.id = c.pid WHERE p.name <> 'q';
SELECT * FROM c a JOIN c b ON a.id = b.pid;
SELECT * FROM p a JOIN p b ON a.id = b.id;
SELECT * FROM p LEFT JOIN c ON c.pid = p.id;
SELECT * FROM c LEFT JOIN p ON c.pid = p.id;
INSERT INTO p SELECT g, 'n' || g FROM generate_series(4, 40) g;
INSERT INTO c SELECT g, g % 7 + 1, 'v' FROM generate_series(20, 40) g;
SELECT p.id, p.name, c.id FROM p LEFT JOIN c ON c.pid = p.id;
CREATE TABLE tp (code text PRIMARY KEY);
CREATE TABLE tc (id bigint PRIMARY KEY, code text REFERENCES tp);
INSERT INTO tp SELECT 'k' || g FROM generate_series(1, 30) g;
INSERT INTO tc SELECT g, 'k' || (g % 5 + 1) FROM generate_series(1, 10) g;
SELECT * FROM tp LEFT JOIN tc ON tc.code = tp.code;
CREATE TABLE bp (id bigint PRIMARY KEY);
CREATE TABLE bc (id int PRIMARY KEY, pid bigint REFERENCES bp);
INSERT INTO bp SELECT g * 1000000000 FROM generate_series(1, 25) g;
INSERT INTO bc VALUES (1, 2000000000), (2, 5000000000);
SELECT * FROM bp LEFT JOIN bc ON bc.pid = bp.id;
