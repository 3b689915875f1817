-- Columns change under a foreign key.
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY);
INSERT INTO customers VALUES (1, 'ann'), (2, 'bob');
INSERT INTO orders VALUES (1), (2);
ALTER TABLE orders ADD COLUMN customer_id int REFERENCES customers;
SELECT * FROM orders ORDER BY id;
ALTER TABLE orders ADD COLUMN region_id int DEFAULT 7;
SELECT * FROM orders ORDER BY id;
ALTER TABLE orders ALTER COLUMN customer_id SET DEFAULT 1;
INSERT INTO orders (id) VALUES (3);
ALTER TABLE orders ALTER COLUMN customer_id DROP DEFAULT;
INSERT INTO orders (id) VALUES (4);
SELECT * FROM orders ORDER BY id;
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
DELETE FROM orders WHERE customer_id IS NULL;
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
INSERT INTO orders VALUES (5, NULL);
ALTER TABLE orders ALTER COLUMN customer_id DROP NOT NULL;
INSERT INTO orders VALUES (5, NULL);
-- a new foreign key column whose default is missing from the parent
ALTER TABLE orders ADD COLUMN backup_id int DEFAULT 42 REFERENCES customers;
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS no_such_constraint;
ALTER TABLE nope ADD COLUMN x int;
ALTER TABLE IF EXISTS nope ADD COLUMN x int;
