-- pg_dump sets check_function_bodies = off: a PL/pgSQL body is then not compiled at CREATE,
-- so a function may name a row type whose table the dump creates later.
SET check_function_bodies = off;
CREATE FUNCTION last_order(c int) RETURNS int LANGUAGE plpgsql AS $$
declare
  o orders;
begin
  select * into o from orders where customer_id = c order by id desc limit 1;
  return o.id;
end $$;
CREATE TABLE customer (id int PRIMARY KEY);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customer);
RESET check_function_bodies;
SHOW check_function_bodies;
INSERT INTO customer VALUES (1);
INSERT INTO orders VALUES (1, 1), (2, 1);
INSERT INTO orders VALUES (3, 9);
SELECT last_order(1);
CREATE FUNCTION first_order(c int) RETURNS int LANGUAGE plpgsql AS $$
declare
  o order_rows;
begin
  return 0;
end $$;
