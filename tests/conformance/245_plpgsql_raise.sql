CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL);
CREATE TABLE transfers (id int PRIMARY KEY, account_id int REFERENCES accounts, amount int);
INSERT INTO accounts VALUES (1, 'ada');
CREATE FUNCTION record_transfer(acc int, amt int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF amt <= 0 THEN
    RAISE EXCEPTION USING MESSAGE = format('amount must be positive, got %s', amt),
      ERRCODE = 'check_violation', HINT = 'Use a refund instead.';
  END IF;
  INSERT INTO transfers VALUES ((SELECT coalesce(max(id), 0) + 1 FROM transfers), acc, amt);
EXCEPTION
  WHEN foreign_key_violation THEN
    RAISE EXCEPTION 'account % does not exist', acc
      USING ERRCODE = '23503', DETAIL = 'transfer of ' || amt || ' refused';
END;
$$;
SELECT record_transfer(1, 10);
SELECT record_transfer(1, -5);
SELECT record_transfer(7, 5);
CREATE FUNCTION rethrow() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO transfers VALUES (100, 42, 1);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'logging: %', SQLERRM;
  RAISE;
END;
$$;
SELECT rethrow();
DO $$ BEGIN RAISE division_by_zero; END $$;
DO $$ BEGIN RAISE SQLSTATE '22012' USING MESSAGE = 'custom division'; END $$;
DO $$ BEGIN RAISE NOTICE 'with detail' USING DETAIL = 'the detail', HINT = 'the hint'; END $$;
DO $$ BEGIN RAISE EXCEPTION 'bad code' USING ERRCODE = 'no_such_condition'; END $$;
DO $$ BEGIN RAISE; END $$;
SELECT * FROM transfers;
