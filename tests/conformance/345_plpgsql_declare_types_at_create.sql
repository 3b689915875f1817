-- CREATE FUNCTION compiles a PL/pgSQL body: a DECLARE of a type that does not exist is an
-- error there, pointing at the type; table names inside its SQL are looked up only when it
-- runs, so an audit trigger can be written before its audit table.
CREATE TABLE customer (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customer ON DELETE CASCADE);
CREATE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS $$
declare
  prev orders_log;
begin
  return old;
end $$;
CREATE FUNCTION orders_audit() RETURNS trigger LANGUAGE plpgsql AS $$
begin
  insert into orders_log values (old.id, old.customer_id);
  return old;
end $$;
CREATE TABLE orders_log (order_id int, customer_id int);
CREATE TRIGGER orders_audit AFTER DELETE ON orders FOR EACH ROW EXECUTE FUNCTION orders_audit();
INSERT INTO customer VALUES (1), (2);
INSERT INTO orders VALUES (10, 1), (11, 1), (20, 2);
DELETE FROM customer WHERE id = 1;
SELECT * FROM orders_log ORDER BY order_id;
DO $$
declare
  c customer;
  n nosuch;
begin
  null;
end $$;
DO $$
begin
  declare
    x missing_type;
  begin
    null;
  end;
end $$;
CREATE FUNCTION count_orders() RETURNS int LANGUAGE plpgsql AS $$
declare
  o orders;
  l orders_log;
begin
  return (select count(*) from orders);
end $$;
SELECT count_orders();
