-- DROP TABLE and DROP SCHEMA naming several objects that others depend on: the plural
-- message, and the dependents in PostgreSQL's order (the last-named object's first).
CREATE SCHEMA other;
CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, code int UNIQUE);
CREATE TABLE c (id int PRIMARY KEY, a_id int REFERENCES a, b_id int REFERENCES b);
CREATE TABLE d (id int PRIMARY KEY, b_code int REFERENCES b (code), a_id int REFERENCES a);
CREATE TABLE other.e (id int PRIMARY KEY, a_id int REFERENCES a, self_id int REFERENCES other.e);
CREATE TABLE f (e_id int REFERENCES other.e, c_id int REFERENCES c);
ALTER TABLE c ADD CONSTRAINT c_b_again FOREIGN KEY (b_id) REFERENCES b;
CREATE FUNCTION note_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER a_note AFTER INSERT ON a FOR EACH ROW EXECUTE FUNCTION note_change();
-- one table named: its name in the message
DROP TABLE a;
DROP TABLE b;
DROP TABLE other.e;
-- two or more: the plural message, the later-named table's dependents first
DROP TABLE a, b;
DROP TABLE b, a;
-- the same table twice counts as two
DROP TABLE a, a;
DROP TABLE a, b, a;
-- references from tables also being dropped are not dependents
DROP TABLE a, c;
DROP TABLE c, d, a;
DROP TABLE c, other.e, b, a;
DROP TABLE d, b;
DROP TABLE other.e, a;
DROP TABLE c, b;
-- IF EXISTS: a skipped name does not count, and a qualified missing name shows unqualified
DROP TABLE IF EXISTS a, nope;
DROP TABLE IF EXISTS nope, other.nope, b, nowhere.nope;
DROP TABLE other.nope, a;
DROP TABLE nowhere.nope, a;
-- CASCADE reports the same objects in the same order
BEGIN;
DROP TABLE a, b CASCADE;
SELECT * FROM c;
ROLLBACK;
BEGIN;
DROP TABLE b, a CASCADE;
ROLLBACK;
BEGIN;
DROP TABLE other.e, a, a CASCADE;
ROLLBACK;
-- every dependent in the list: no message
BEGIN;
DROP TABLE f, other.e;
ROLLBACK;
DROP TABLE c, d, other.e, a, b, f;
SELECT count(*) FROM a;
-- DROP SCHEMA with several names follows the same rule
CREATE SCHEMA s1;
CREATE SCHEMA s2;
CREATE TABLE s1.a (id int PRIMARY KEY);
CREATE TABLE s2.b (id int PRIMARY KEY, a_id int REFERENCES s1.a);
CREATE TABLE c (a_id int REFERENCES s1.a, b_id int REFERENCES s2.b);
CREATE FUNCTION s2.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER c_t AFTER INSERT ON c FOR EACH ROW EXECUTE FUNCTION s2.f();
CREATE TABLE s1.z (id int);
DROP SCHEMA s1, s2;
DROP SCHEMA s2, s1;
DROP SCHEMA s2, s2;
DROP SCHEMA IF EXISTS nope, s2;
DROP SCHEMA s1, nope;
BEGIN;
DROP SCHEMA s2, s1 CASCADE;
ROLLBACK;
DROP TABLE c;
DROP SCHEMA s1, s2;
DROP SCHEMA s2, s1, s2 CASCADE;
SELECT * FROM s2.b;
