-- # Changing a foreign key's action
--
-- There is no ALTER CONSTRAINT for the action: drop the constraint and add it again with the
-- action you want, in one transaction so no row slips through in between.
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);
INSERT INTO customers VALUES (1);
INSERT INTO orders VALUES (10, 1);
DELETE FROM customers WHERE id = 1;   -- expect: error 23503 orders_customer_id_fkey

BEGIN;
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;   -- expect: ok
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
  FOREIGN KEY (customer_id) REFERENCES customers ON DELETE CASCADE;   -- expect: ok
COMMIT;
\d orders
DELETE FROM customers WHERE id = 1;   -- expect: ok
SELECT count(*) FROM orders;
