CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE DOMAIN small_posint AS posint CONSTRAINT small CHECK (VALUE < 100);
CREATE DOMAIN email AS text NOT NULL CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');
SELECT 5::posint;
SELECT '7'::posint + 1;
SELECT (-1)::posint;
SELECT 0::small_posint;
SELECT 150::small_posint;
SELECT 42::small_posint;
SELECT 'a@b'::email;
SELECT 'nope'::email;
SELECT NULL::email;
SELECT CAST('x@y' AS email) AS e;
CREATE TABLE t (id posint PRIMARY KEY, score small_posint, contact email);
INSERT INTO t VALUES (1, 5, 'a@b');
INSERT INTO t VALUES (2, 500, 'a@b');
INSERT INTO t VALUES (3, 5, 'ab');
SELECT id::small_posint FROM t;
UPDATE t SET score = score::int * 100;
SELECT CASE WHEN true THEN '-5'::posint END;
DO $$
DECLARE
  p posint := 3;
BEGIN
  RAISE NOTICE 'p=%', p;
  p := -3;
END $$;
CREATE TABLE parent (code small_posint PRIMARY KEY);
CREATE TABLE child (code small_posint REFERENCES parent);
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES ('1'::small_posint);
INSERT INTO child VALUES (2::small_posint);
INSERT INTO child VALUES ('200'::small_posint);
