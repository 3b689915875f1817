-- information_schema's views of the keys: table_constraints, referential_constraints (match
-- option and rules), key_column_usage (with the position in the referenced unique
-- constraint), constraint_column_usage, tables and columns.
CREATE TABLE regions (code char(2), country text, PRIMARY KEY (country, code));
CREATE TABLE stores (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name varchar(40) NOT NULL UNIQUE,
  code char(2),
  country text,
  FOREIGN KEY (code, country) REFERENCES regions (code, country) MATCH FULL ON UPDATE CASCADE
);
CREATE TABLE sales (
  id bigint PRIMARY KEY,
  store_id int REFERENCES stores ON DELETE SET NULL DEFERRABLE,
  amount numeric(10,2) CHECK (amount >= 0),
  parent_id bigint REFERENCES sales ON DELETE CASCADE
);
CREATE TEMP TABLE scratch (store_id int REFERENCES stores);

-- The classic "list foreign keys" query.
SELECT tc.table_name, kcu.column_name, ccu.table_name AS foreign_table_name,
       ccu.column_name AS foreign_column_name
FROM information_schema.table_constraints AS tc
JOIN information_schema.key_column_usage AS kcu
  ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema
JOIN information_schema.constraint_column_usage AS ccu
  ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'
ORDER BY 1, 2, 4;

SELECT constraint_name, table_name, constraint_type, is_deferrable, initially_deferred, enforced
FROM information_schema.table_constraints
WHERE table_schema = 'public' AND constraint_type <> 'CHECK'
ORDER BY table_name, constraint_name;
SELECT constraint_name, table_name FROM information_schema.table_constraints
WHERE constraint_type = 'CHECK' AND constraint_name NOT LIKE '%not_null' ORDER BY 1;

SELECT constraint_name, unique_constraint_schema, unique_constraint_name, match_option,
       update_rule, delete_rule
FROM information_schema.referential_constraints
WHERE constraint_schema = 'public'
ORDER BY constraint_name;

SELECT constraint_name, table_name, column_name, ordinal_position, position_in_unique_constraint
FROM information_schema.key_column_usage
WHERE table_schema = 'public'
ORDER BY constraint_name, ordinal_position;

SELECT table_name, column_name, constraint_name
FROM information_schema.constraint_column_usage
WHERE table_schema = 'public'
ORDER BY constraint_name, column_name;

-- Referencing and referenced columns, paired through the unique constraint.
SELECT kcu.table_name, kcu.column_name, ref.table_name AS ref_table, ref.column_name AS ref_column
FROM information_schema.referential_constraints rc
JOIN information_schema.key_column_usage kcu
  ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
JOIN information_schema.key_column_usage ref
  ON ref.constraint_name = rc.unique_constraint_name
 AND ref.constraint_schema = rc.unique_constraint_schema
 AND ref.ordinal_position = kcu.position_in_unique_constraint
WHERE kcu.table_schema = 'public'
ORDER BY 1, 2;

SELECT table_name, table_type, is_insertable_into
FROM information_schema.tables
WHERE table_schema = 'public' ORDER BY table_name;

SELECT column_name, ordinal_position, is_nullable, data_type, character_maximum_length,
       numeric_precision, numeric_scale, udt_name, is_identity
FROM information_schema.columns
WHERE table_schema = 'public' AND table_name IN ('stores', 'sales')
ORDER BY table_name, ordinal_position;
