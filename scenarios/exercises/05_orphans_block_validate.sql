-- title: Orphans block VALIDATE CONSTRAINT
-- goal: The foreign key below was added NOT VALID on a table with old, orphaned rows.
-- goal: Find the orphans, fix them (their customer is unknown: keep the orders, with no
-- goal: customer), and validate the constraint.
-- hint: ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk tells you one orphan key.
-- hint: Orphans are orders whose customer_id is NOT IN (SELECT id FROM customers).
-- hint: UPDATE orders SET customer_id = NULL WHERE customer_id NOT IN (SELECT id FROM customers); then VALIDATE.
--- setup
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int);
INSERT INTO customers VALUES (1), (2);
INSERT INTO orders VALUES (1, 1), (2, 7), (3, 2), (4, 9), (5, NULL);
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;
--- check
-- the constraint is valid now (validating again costs nothing)
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;  -- expect: ok
-- every order is kept
SELECT count(*) FROM orders;  -- expect: value 5
-- the good links are untouched
SELECT count(*) FROM orders WHERE customer_id IN (1, 2);  -- expect: value 2
-- and the constraint still guards new rows
INSERT INTO orders VALUES (6, 8);  -- expect: error 23503 orders_customer_fk
--- solution
UPDATE orders SET customer_id = NULL WHERE customer_id NOT IN (SELECT id FROM customers);
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
--- wrong
DELETE FROM orders WHERE customer_id NOT IN (SELECT id FROM customers);
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
