CREATE TABLE parent (id int PRIMARY KEY, name text);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent(id));
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
CREATE FUNCTION add_child(p_id int, c_id int) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO child VALUES (c_id, p_id);
  RETURN 'ok';
EXCEPTION
  WHEN foreign_key_violation THEN
    RAISE NOTICE 'caught %: %', SQLSTATE, SQLERRM;
    RETURN 'no parent';
  WHEN unique_violation THEN
    RETURN 'duplicate';
END;
$$;
SELECT add_child(1, 10);
SELECT add_child(9, 11);
SELECT add_child(1, 10);
SELECT * FROM child;
CREATE FUNCTION loops(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  total int := 0;
  i int;
  r record;
  x text;
BEGIN
  FOR i IN 1..n LOOP
    CONTINUE WHEN i % 2 = 0;
    total := total + i;
  END LOOP;
  FOR i IN REVERSE 10..1 BY 3 LOOP
    RAISE NOTICE 'rev %', i;
  END LOOP;
  WHILE total < 100 LOOP
    total := total * 2;
  END LOOP;
  LOOP
    total := total - 1;
    EXIT WHEN total < 100;
  END LOOP;
  FOR r IN SELECT id, name FROM parent ORDER BY id LOOP
    RAISE NOTICE 'parent % is %', r.id, r.name;
  END LOOP;
  FOREACH x IN ARRAY ARRAY['a','b','c'] LOOP
    RAISE NOTICE 'elem %', x;
  END LOOP;
  CASE n
    WHEN 1, 2 THEN RAISE NOTICE 'small';
    WHEN 5 THEN RAISE NOTICE 'five';
    ELSE RAISE NOTICE 'other';
  END CASE;
  CASE WHEN n > 3 THEN RAISE NOTICE 'big'; END CASE;
  RETURN total;
END;
$$;
SELECT loops(5);
SELECT loops(1);
CREATE FUNCTION del_parent(p int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
  msg text;
  det text;
  st text;
BEGIN
  BEGIN
    DELETE FROM child WHERE parent_id = p AND id > 100;
    DELETE FROM parent WHERE id = p;
  EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, st = RETURNED_SQLSTATE;
    RAISE NOTICE 'failed % % / %', st, msg, det;
  END;
  UPDATE parent SET name = name || '!' WHERE id <= p;
  GET DIAGNOSTICS n = ROW_COUNT;
  RAISE NOTICE 'updated % rows', n;
  EXECUTE format('UPDATE %I SET name = $1 WHERE id = $2', 'parent') USING 'dyn', p;
  EXECUTE 'SELECT count(*) FROM child' INTO n;
  RAISE NOTICE 'children %', n;
END;
$$;
SELECT del_parent(1);
SELECT del_parent(2);
SELECT * FROM parent ORDER BY id;
DO $$
DECLARE
  c child%ROWTYPE;
  pid child.parent_id%TYPE;
BEGIN
  SELECT * INTO c FROM child WHERE id = 10;
  RAISE NOTICE 'child % of %', c.id, c.parent_id;
  pid := c.parent_id;
  RAISE NOTICE 'pid %', pid;
  <<outer>>
  FOR i IN 1..3 LOOP
    FOR j IN 1..3 LOOP
      EXIT outer WHEN i * j = 4;
      RAISE NOTICE '% %', i, j;
    END LOOP;
  END LOOP;
END
$$;
CREATE FUNCTION nocase(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  CASE n WHEN 1 THEN RETURN 1; END CASE;
  RETURN 0;
END;
$$;
SELECT nocase(2);
CREATE FUNCTION raiser() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'custom failure' USING ERRCODE = 'foreign_key_violation', HINT = 'try again';
END;
$$;
SELECT raiser();
DO $$
BEGIN
  PERFORM raiser();
EXCEPTION WHEN foreign_key_violation THEN
  RAISE NOTICE 'caught raiser: %', SQLERRM;
END $$;
