-- Row triggers and foreign-key triggers fire in trigger-name order; cascaded rows fire theirs too.
CREATE TABLE log (n serial PRIMARY KEY, what text);
CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE CASCADE);
CREATE FUNCTION note_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO log (what) VALUES (TG_NAME || ' ' || TG_OP || ' ' || TG_TABLE_NAME || ' ' || OLD.id);
    RAISE NOTICE '% saw % of % %', TG_NAME, TG_OP, TG_TABLE_NAME, OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO log (what) VALUES (TG_NAME || ' ' || TG_OP || ' ' || TG_TABLE_NAME || ' ' || NEW.id);
  RAISE NOTICE '% saw % of % %', TG_NAME, TG_OP, TG_TABLE_NAME, NEW.id;
  RETURN NEW;
END;
$$;
-- "A_first" sorts before "RI_ConstraintTrigger_...", "z_last" after it
CREATE TRIGGER z_last AFTER INSERT OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION note_row();
CREATE TRIGGER "A_first" AFTER INSERT OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION note_row();
CREATE TRIGGER b_before BEFORE DELETE ON customers FOR EACH ROW EXECUTE FUNCTION note_row();
CREATE TRIGGER c_after AFTER DELETE ON customers FOR EACH ROW EXECUTE FUNCTION note_row();
INSERT INTO customers VALUES (1, 'ann'), (2, 'bob');
INSERT INTO orders VALUES (10, 1), (11, 1), (20, 2);
-- the order whose customer is missing: the check fails after A_first ran, before z_last
INSERT INTO orders VALUES (30, 3);
SELECT what FROM log ORDER BY n;
DELETE FROM log;
-- deleting a customer: its BEFORE trigger, then the cascade; the cascaded orders' triggers see them go
DELETE FROM customers WHERE id = 1;
SELECT what FROM log ORDER BY n;
SELECT * FROM orders ORDER BY id;
