-- SET CONSTRAINTS by name on constraints that are not deferrable: IMMEDIATE is accepted (they
-- are immediate already), only DEFERRED is an error. Unknown names, schemas, ALL, and outside
-- a transaction block.
CREATE TABLE parents (id int PRIMARY KEY, code int UNIQUE, CONSTRAINT parents_positive CHECK (id > 0));
CREATE TABLE kids (id int PRIMARY KEY, parent_id int CONSTRAINT kids_fk REFERENCES parents);
CREATE TABLE pets (id int PRIMARY KEY, parent_id int CONSTRAINT pets_fk REFERENCES parents DEFERRABLE);
-- IMMEDIATE on a non-deferrable foreign key, key, unique and check constraint: no error
BEGIN;
SET CONSTRAINTS kids_fk IMMEDIATE;
SET CONSTRAINTS kids_fk, pets_fk IMMEDIATE;
SET CONSTRAINTS parents_pkey, parents_code_key, parents_positive IMMEDIATE;
INSERT INTO kids VALUES (1, 10);
ROLLBACK;
-- the transaction goes on after it; the deferrable one in the same list is deferred
BEGIN;
SET CONSTRAINTS pets_fk DEFERRED;
INSERT INTO pets VALUES (1, 10);
SET CONSTRAINTS kids_fk IMMEDIATE;
INSERT INTO parents VALUES (10);
COMMIT;
BEGIN;
SET CONSTRAINTS pets_fk DEFERRED;
INSERT INTO pets VALUES (2, 20);
SET CONSTRAINTS kids_fk, pets_fk IMMEDIATE;
ROLLBACK;
-- DEFERRED on a non-deferrable one is the error, whatever else is in the list
BEGIN;
SET CONSTRAINTS kids_fk DEFERRED;
ROLLBACK;
BEGIN;
SET CONSTRAINTS pets_fk, parents_positive DEFERRED;
ROLLBACK;
-- names are checked in list order
BEGIN;
SET CONSTRAINTS kids_fk, no_such DEFERRED;
ROLLBACK;
BEGIN;
SET CONSTRAINTS no_such, kids_fk IMMEDIATE;
ROLLBACK;
-- schema-qualified names, and a bare name found only on the search path
CREATE SCHEMA other;
CREATE TABLE other.toys (id int PRIMARY KEY, parent_id int CONSTRAINT toys_fk REFERENCES parents);
CREATE TABLE other.games (id int PRIMARY KEY, parent_id int CONSTRAINT kids_fk REFERENCES parents DEFERRABLE);
BEGIN;
SET CONSTRAINTS other.toys_fk IMMEDIATE;
SET CONSTRAINTS public.kids_fk IMMEDIATE;
SET CONSTRAINTS other.kids_fk DEFERRED;
SET CONSTRAINTS toys_fk IMMEDIATE;
ROLLBACK;
BEGIN;
SET CONSTRAINTS other.toys_fk DEFERRED;
ROLLBACK;
BEGIN;
SET CONSTRAINTS nowhere.kids_fk IMMEDIATE;
ROLLBACK;
-- ALL never complains
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO kids VALUES (3, 30);
ROLLBACK;
-- outside a transaction block: a warning, then the same checks
SET CONSTRAINTS kids_fk IMMEDIATE;
SET CONSTRAINTS kids_fk DEFERRED;
SET CONSTRAINTS no_such IMMEDIATE;
SET CONSTRAINTS ALL IMMEDIATE;
SELECT * FROM pets;
