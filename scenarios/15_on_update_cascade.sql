-- # ON UPDATE CASCADE: a key that changes takes its references along
--
-- ON DELETE CASCADE says nothing about updates: changing a referenced key is judged by the
-- ON UPDATE action, which is NO ACTION unless you say otherwise.
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE CASCADE);
INSERT INTO customers VALUES (1), (2);
INSERT INTO orders VALUES (10, 1), (11, 1), (12, 2);

UPDATE customers SET id = 100 WHERE id = 1;   -- expect: error 23503 orders_customer_id_fkey
-- One atomic ALTER TABLE: there is never a moment without the constraint.
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey,
  ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers
  ON DELETE CASCADE ON UPDATE CASCADE;   -- expect: ok
UPDATE customers SET id = 100 WHERE id = 1;   -- expect: ok
SELECT * FROM orders ORDER BY id;
