-- INSTEAD OF triggers make a join view writable: the trigger's own statements change the base
-- tables, and their foreign keys are checked as for any statement.
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,
                     item text);
INSERT INTO customers VALUES (1, 'ann'), (2, 'bob');
CREATE VIEW order_list AS
  SELECT o.id, c.name AS customer, o.item
    FROM orders o JOIN customers c ON c.id = o.customer_id;
-- without a trigger the join view is not writable
INSERT INTO order_list VALUES (1, 'ann', 'pen');
CREATE FUNCTION order_list_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cid int;
BEGIN
  RAISE NOTICE '% % % on %', TG_NAME, TG_WHEN, TG_OP, TG_TABLE_NAME;
  IF TG_OP = 'DELETE' THEN
    DELETE FROM orders WHERE id = OLD.id;
    RETURN OLD;
  END IF;
  IF NEW.item IS NULL THEN
    RETURN NULL;  -- the row is skipped
  END IF;
  -- an unknown name becomes customer 99, which does not exist
  cid := coalesce((SELECT id FROM customers WHERE name = NEW.customer), 99);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO orders VALUES (NEW.id, cid, NEW.item);
  ELSE
    UPDATE orders SET customer_id = cid, item = NEW.item WHERE id = OLD.id;
  END IF;
  NEW.item := upper(NEW.item);
  RETURN NEW;
END $$;
CREATE TRIGGER order_list_write INSTEAD OF INSERT OR UPDATE OR DELETE ON order_list
  FOR EACH ROW EXECUTE FUNCTION order_list_write();
INSERT INTO order_list VALUES (1, 'ann', 'pen'), (2, 'bob', 'ink') RETURNING *;
-- an unknown customer: the trigger's INSERT breaks the foreign key of orders
INSERT INTO order_list VALUES (3, 'cy', 'cup');
INSERT INTO order_list (id, customer) VALUES (4, 'ann') RETURNING id, item;
UPDATE order_list SET customer = 'bob' WHERE id = 1 RETURNING id, customer, item;
UPDATE order_list SET customer = 'dan' WHERE id = 2;
SELECT * FROM order_list ORDER BY id;
-- the customer a view row names cannot go while orders reference it
DELETE FROM customers WHERE name = 'bob';
DELETE FROM order_list WHERE customer = 'bob' RETURNING id;
DELETE FROM customers WHERE name = 'bob';
SELECT * FROM orders ORDER BY id;
\d order_list
SELECT tgname, tgtype, tgenabled FROM pg_trigger WHERE tgname = 'order_list_write';
-- what PostgreSQL refuses
CREATE TRIGGER t INSTEAD OF INSERT ON orders FOR EACH ROW EXECUTE FUNCTION order_list_write();
CREATE TRIGGER t INSTEAD OF INSERT ON order_list EXECUTE FUNCTION order_list_write();
CREATE TRIGGER t BEFORE INSERT ON order_list FOR EACH ROW EXECUTE FUNCTION order_list_write();
CREATE TRIGGER t INSTEAD OF INSERT ON order_list FOR EACH ROW WHEN (NEW.id > 0)
  EXECUTE FUNCTION order_list_write();
CREATE TRIGGER t INSTEAD OF UPDATE OF item ON order_list FOR EACH ROW
  EXECUTE FUNCTION order_list_write();
CREATE TRIGGER order_list_write INSTEAD OF INSERT ON order_list FOR EACH ROW
  EXECUTE FUNCTION order_list_write();
-- a rollback takes the trigger's changes back with the statement's
BEGIN;
INSERT INTO order_list VALUES (5, 'ann', 'mug');
ROLLBACK;
SELECT count(*) FROM orders;
DROP TRIGGER order_list_write ON order_list;
DROP TRIGGER order_list_write ON order_list;
DROP TRIGGER IF EXISTS order_list_write ON order_list;
INSERT INTO order_list VALUES (6, 'ann', 'pen');
