-- A referenced key that changes only its image (-0 to 0, 1.0 to 1.00) is a key change: the ON
-- UPDATE action runs, and NO ACTION looks for the key; the referencing side compares with `=`.
CREATE TABLE pf (a float8 PRIMARY KEY);
CREATE TABLE cf (x float8 REFERENCES pf ON UPDATE CASCADE);
INSERT INTO pf VALUES ('-0');
INSERT INTO cf VALUES ('-0');
UPDATE pf SET a = '0' WHERE a = '-0';
SELECT * FROM pf;
SELECT * FROM cf;
UPDATE cf SET x = '-0';
SELECT * FROM cf;
CREATE TABLE pn (a numeric PRIMARY KEY);
CREATE TABLE cn (x numeric REFERENCES pn ON UPDATE SET NULL);
CREATE TABLE cr (x numeric REFERENCES pn ON UPDATE RESTRICT);
INSERT INTO pn VALUES (1.0), (2);
INSERT INTO cn VALUES (1.0), (2);
INSERT INTO cr VALUES (2.00);
UPDATE pn SET a = 1.00 WHERE a = 1;
UPDATE pn SET a = 2.0 WHERE a = 2;
SELECT * FROM cn ORDER BY x;
UPDATE pn SET a = a WHERE a = 1;
SELECT * FROM cn ORDER BY x;
