-- title: Load the seed without reordering it
-- goal: A vendor's seed script inserts orders before the customers they belong to, in one
-- goal: transaction, and you may not edit it. Change the schema so the seed loads as it is,
-- goal: while an order for a customer that never arrives is still refused.
-- hint: Each INSERT into orders is checked at the end of its own statement; the customer comes later.
-- hint: A foreign key can wait for COMMIT when it is DEFERRABLE INITIALLY DEFERRED.
-- hint: PostgreSQL changes that in place: ALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE INITIALLY DEFERRED.
--- setup
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers);
--- check
-- the vendor's seed loads unchanged
BEGIN;
INSERT INTO orders VALUES (501, 910), (502, 911);  -- expect: ok
INSERT INTO customers VALUES (910, 'Ada'), (911, 'Grace');  -- expect: ok
COMMIT;  -- expect: ok
-- an order whose customer never arrives is still refused (at its INSERT or at COMMIT)
BEGIN;
INSERT INTO orders VALUES (503, 999);
COMMIT;
SELECT count(*) FROM orders WHERE id = 503;  -- expect: value 0
-- and so is one outside a transaction
INSERT INTO orders VALUES (504, 998);  -- expect: error 23503
--- solution
ALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE INITIALLY DEFERRED;
--- alternative
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
  FOREIGN KEY (customer_id) REFERENCES customers DEFERRABLE INITIALLY DEFERRED;
--- alternative
ALTER TABLE orders
  DROP CONSTRAINT orders_customer_id_fkey,
  ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers
    DEFERRABLE INITIALLY DEFERRED;
--- wrong
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
--- wrong
ALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE;
--- wrong
BEGIN;
ALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE INITIALLY DEFERRED;
--- data-only
INSERT INTO customers VALUES (10, 'Ada'), (11, 'Grace');
