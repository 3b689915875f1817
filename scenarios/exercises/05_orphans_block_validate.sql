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
-- the constraint is validated
-- expect: valid orders
-- every order is kept
SELECT count(*) FROM orders WHERE id BETWEEN 1 AND 5;  -- expect: value 5
-- the orphans have no customer now (their customer is unknown)
SELECT count(*) FROM orders WHERE id IN (2, 4) AND customer_id IS NULL;  -- expect: value 2
-- and no customer was invented for them
SELECT count(*) FROM customers;  -- expect: value 2
-- the good links are untouched
SELECT count(*) FROM orders WHERE id IN (1, 3) AND customer_id IN (1, 2);  -- expect: value 2
-- the constraint still guards new rows
INSERT INTO orders VALUES (501, 8);  -- expect: error 23503
INSERT INTO orders VALUES (502, 2);  -- expect: ok
-- and a customer with orders cannot vanish
DELETE FROM customers WHERE id = 2;  -- expect: error 23503
--- solution
UPDATE orders SET customer_id = NULL WHERE customer_id NOT IN (SELECT id FROM customers);
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
--- alternative
BEGIN;
UPDATE orders SET customer_id = NULL WHERE id IN (
  SELECT o.id FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
  WHERE o.customer_id IS NOT NULL AND c.id IS NULL);
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
COMMIT;
--- wrong
DELETE FROM orders WHERE customer_id NOT IN (SELECT id FROM customers);
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
--- wrong
UPDATE orders SET customer_id = NULL WHERE customer_id NOT IN (SELECT id FROM customers);
--- data-only
INSERT INTO customers VALUES (7), (9);
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
