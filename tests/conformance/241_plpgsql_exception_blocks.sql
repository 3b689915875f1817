CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id), note text);
CREATE TABLE import_log (line int, status text);
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace');
CREATE FUNCTION import_order(o_id int, c_id int) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO import_log VALUES (o_id, 'trying');
  INSERT INTO orders VALUES (o_id, c_id, 'imported');
  RETURN true;
EXCEPTION
  WHEN foreign_key_violation THEN
    RAISE NOTICE 'order %: %', o_id, SQLERRM;
    RETURN false;
END;
$$;
CREATE TABLE incoming (o int, c int);
INSERT INTO incoming VALUES (10, 1), (11, 7), (12, 2);
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM incoming ORDER BY o LOOP
    RAISE NOTICE 'order % -> %', r.o, import_order(r.o, r.c);
  END LOOP;
END $$;
SELECT * FROM orders;
SELECT * FROM import_log;
-- an error a handler does not catch keeps its CONTEXT lines
CREATE FUNCTION strict_import(c_id int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  i int;
BEGIN
  FOR i IN 1..3 LOOP
    BEGIN
      INSERT INTO orders VALUES (100 + i, c_id + i - 1);
    EXCEPTION WHEN unique_violation THEN
      RAISE NOTICE 'dup';
    END;
  END LOOP;
END;
$$;
SELECT strict_import(1);
SELECT count(*) FROM orders;
BEGIN;
SELECT strict_import(0);
ROLLBACK;
-- deleting a parent with children, caught: the delete is undone, the function goes on
CREATE FUNCTION try_delete(c_id int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  detail text;
BEGIN
  DELETE FROM customers WHERE id = c_id;
  RETURN 'deleted';
EXCEPTION WHEN foreign_key_violation THEN
  GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
  RETURN 'kept: ' || detail;
END;
$$;
SELECT try_delete(1);
INSERT INTO customers VALUES (3, 'Edsger');
SELECT try_delete(3);
SELECT * FROM customers ORDER BY id;
-- RAISE with a condition name, caught by SQLSTATE
DO $$
BEGIN
  RAISE EXCEPTION 'no such customer: %', 42 USING ERRCODE = 'foreign_key_violation', DETAIL = 'raised by hand';
EXCEPTION WHEN SQLSTATE '23503' THEN
  RAISE NOTICE 'caught % (%)', SQLERRM, SQLSTATE;
END $$;
DO $$
BEGIN
  RAISE EXCEPTION 'uncaught' USING ERRCODE = 'check_violation', HINT = 'a hint';
END $$;
-- loops and their CONTEXT lines
DO $$
DECLARE
  r record;
  total numeric := 0;
BEGIN
  FOR r IN SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.id LOOP
    RAISE NOTICE 'order % for %', r.id, r.name;
    total := total + r.id;
  END LOOP;
  RAISE NOTICE 'total %, found %', total, FOUND;
  FOR r IN SELECT * FROM orders WHERE id < 0 LOOP
    RAISE NOTICE 'never';
  END LOOP;
  RAISE NOTICE 'found after empty loop: %', FOUND;
  WHILE total > 0 LOOP
    total := total - 7;
    CONTINUE WHEN total > 10;
    RAISE NOTICE 'at %', total;
  END LOOP;
END $$;
DO $$
DECLARE
  i int;
BEGIN
  FOR i IN 1..3 LOOP
    RAISE NOTICE 'i=%', i;
    PERFORM 1 / (2 - i);
  END LOOP;
END $$;
DO $$
BEGIN
  FOR i IN 1..3 BY 0 LOOP
  END LOOP;
END $$;
DO $$
DECLARE
  n int;
BEGIN
  SELECT id INTO STRICT n FROM orders WHERE id > 1000;
END $$;
DO $$
DECLARE
  n int;
BEGIN
  SELECT id INTO STRICT n FROM orders WHERE id > 1000;
EXCEPTION WHEN no_data_found THEN
  RAISE NOTICE 'nothing: %', SQLERRM;
END $$;
DO $$
DECLARE
  t text;
  n bigint;
BEGIN
  FOREACH t IN ARRAY ARRAY['customers', 'orders', 'import_log'] LOOP
    EXECUTE format('SELECT count(*) FROM %I', t) INTO n;
    RAISE NOTICE '% has % rows', t, n;
  END LOOP;
  EXECUTE 'DELETE FROM import_log WHERE line > $1' USING 10;
  GET DIAGNOSTICS n = ROW_COUNT;
  RAISE NOTICE 'deleted % log lines', n;
  EXECUTE format('INSERT INTO orders VALUES (%s, %s, %L)', 500, 99, 'it''s');
END $$;
SELECT format('%s and %I and %L and %L and %%', 'a', 'Mixed Case', 'x''y', NULL);
SELECT quote_ident('order'), quote_ident('plain'), quote_literal('a\b'), quote_nullable(NULL);
