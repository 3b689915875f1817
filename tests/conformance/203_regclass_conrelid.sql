-- pg_constraint's relation columns through regclass: "the keys of this table" and "who references
-- this table", with quoted and schema-qualified names.
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE "Orders" (id int PRIMARY KEY, customer_id int REFERENCES customers, CHECK (id > 0));
CREATE SCHEMA shop;
CREATE TABLE shop.lines (order_id int REFERENCES "Orders" ON DELETE CASCADE, n int, UNIQUE (order_id, n));
SELECT conname, contype, conrelid::regclass, confrelid::regclass FROM pg_constraint WHERE contype <> 'c' AND conname NOT LIKE 'pg\_%' ORDER BY oid;
SELECT conname FROM pg_constraint WHERE conrelid = '"Orders"'::regclass ORDER BY conname;
SELECT conname, confrelid::regclass FROM pg_constraint WHERE conrelid = 'shop.lines'::regclass AND contype = 'f';
SELECT conrelid::regclass AS referencing, conname FROM pg_constraint WHERE confrelid = 'customers'::regclass;
SELECT c.conname, c.conrelid::regclass, c.confrelid::regclass AS parent FROM pg_constraint c WHERE c.contype = 'f' ORDER BY 2, 1;
SELECT 'public.customers'::regclass, 'CUSTOMERS'::regclass, '"Orders"'::regclass, 'SHOP.Lines'::regclass;
SELECT count(*) FROM pg_constraint WHERE conrelid = 'customers'::regclass;
CREATE SEQUENCE s;
SELECT nextval('s'::regclass), currval('s'::regclass);
