-- # ALTER CONSTRAINT: deferrability changed in place
--
-- PostgreSQL 15 changes when a foreign key is checked without dropping it. Properties you do
-- not write are reset: INITIALLY IMMEDIATE alone also makes the key NOT DEFERRABLE.
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers);
BEGIN;
INSERT INTO orders VALUES (1, 10);   -- expect: error 23503 orders_customer_id_fkey
ROLLBACK;
ALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE INITIALLY DEFERRED;   -- expect: ok
BEGIN;
INSERT INTO orders VALUES (1, 10);   -- expect: ok
INSERT INTO customers VALUES (10);   -- expect: ok
COMMIT;   -- expect: ok
ALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey NOT DEFERRABLE INITIALLY DEFERRED;   -- expect: error 42601
ALTER TABLE customers ALTER CONSTRAINT customers_pkey DEFERRABLE;   -- expect: error 42809
