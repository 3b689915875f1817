-- Sequences live in schemas: the same name twice, qualified and unqualified lookups, serial
-- columns' sequences in their table's schema.
CREATE SCHEMA app;
CREATE SEQUENCE s START 10;
CREATE SEQUENCE app.s START 100;
CREATE SEQUENCE app.s;
SELECT nextval('s'), nextval('app.s'), nextval('public.s'), currval('app.s');
CREATE TABLE app.items (id serial PRIMARY KEY, code int DEFAULT nextval('app.s'::regclass));
CREATE TABLE items (id serial PRIMARY KEY);
INSERT INTO app.items DEFAULT VALUES;
INSERT INTO items DEFAULT VALUES;
SELECT * FROM app.items;
\d app.items
SET search_path = app, public;
SELECT nextval('s');
\d items
ALTER TABLE items ADD COLUMN n int DEFAULT nextval('public.s');
\d items
RESET search_path;
DROP TABLE items;
DROP SEQUENCE IF EXISTS app.nope, items_id_seq;
SELECT nextval('app.items_id_seq');
\d app.items
