-- The system catalogs describe the keys: pg_constraint with its key arrays, pg_class,
-- pg_namespace, pg_attribute, pg_index and pg_trigger (the internal RI triggers each foreign
-- key gets), joined the way "list my foreign keys" queries join them.
CREATE TABLE customers (id int PRIMARY KEY, email varchar(80) UNIQUE, name text NOT NULL);
CREATE TABLE orders (
  id int PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers ON DELETE CASCADE,
  placed date,
  note text
);
CREATE TABLE lines (
  order_id int,
  n int,
  qty int CHECK (qty > 0),
  price numeric(8,2),
  PRIMARY KEY (order_id, n),
  FOREIGN KEY (order_id) REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX orders_placed_idx ON orders (placed);
CREATE SCHEMA shop;
CREATE TABLE shop.refunds (id int PRIMARY KEY, order_id int REFERENCES orders ON UPDATE SET NULL);

-- Every foreign key with its definition.
SELECT conrelid::regclass AS table_name, conname, pg_get_constraintdef(oid)
FROM pg_constraint WHERE contype = 'f' ORDER BY conrelid::regclass::text, conname;

-- A table's constraints, by OID (creation order), as the regression test asks.
SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = 'lines'::regclass::oid ORDER BY oid;

-- The flags of each constraint.
SELECT conname, contype, condeferrable, condeferred, convalidated, confupdtype, confdeltype,
       confmatchtype, conkey, confkey
FROM pg_constraint WHERE conrelid IN ('orders'::regclass, 'lines'::regclass, 'shop.refunds'::regclass)
ORDER BY conname;

-- Columns of each foreign key, through the key arrays.
SELECT c.conrelid::regclass::text AS child, a.attname AS column, c.confrelid::regclass AS parent,
       p.attname AS parent_column
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
JOIN pg_attribute p ON p.attrelid = c.confrelid AND p.attnum = ANY (c.confkey)
WHERE c.contype = 'f'
ORDER BY 1, 2;

-- Relations and their schemas.
SELECT n.nspname, c.relname, c.relkind, c.relhasindex, c.relpersistence, c.relnatts
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('public', 'shop')
ORDER BY 1, 2;

-- Columns with their types.
SELECT a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull
FROM pg_attribute a
WHERE a.attrelid = 'lines'::regclass AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relname = 'customers' AND a.attnum > 0
ORDER BY a.attnum;
SELECT count(*) AS with_system_columns FROM pg_attribute WHERE attrelid = 'orders'::regclass;

-- Indexes, with the int2vector of their columns.
SELECT i.indexrelid::regclass::text AS index, i.indrelid::regclass AS table, i.indkey,
       i.indisunique, i.indisprimary, pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid IN ('customers'::regclass, 'orders'::regclass, 'lines'::regclass)
ORDER BY 1;

-- The triggers PostgreSQL creates for a foreign key: two on each side.
SELECT c.conname, t.tgrelid::regclass::text AS on_table, t.tgisinternal, t.tgtype, p.proname,
       t.tgconstrrelid::regclass AS other, t.tgdeferrable, t.tginitdeferred
FROM pg_trigger t
JOIN pg_proc p ON p.oid = t.tgfoid
JOIN pg_constraint c ON c.oid = t.tgconstraint
ORDER BY c.conname, p.proname;
SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'RI_ConstraintTrigger_a_%';
SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'RI_ConstraintTrigger_c_%';

-- A comment on a constraint.
COMMENT ON CONSTRAINT orders_customer_id_fkey ON orders IS 'each order has a customer';
SELECT conname, obj_description(oid, 'pg_constraint') FROM pg_constraint
WHERE contype = 'f' ORDER BY conname;
COMMENT ON TABLE orders IS 'what was bought';
COMMENT ON COLUMN orders.note IS 'free text';
SELECT obj_description(c.oid, 'pg_class'), col_description(c.oid, 4)
FROM pg_class c WHERE c.relname = 'orders';

-- Dropping a key removes its rows.
ALTER TABLE lines DROP CONSTRAINT lines_order_id_fkey;
SELECT count(*) FROM pg_constraint WHERE contype = 'f';
SELECT count(*) FROM pg_trigger WHERE tgisinternal;
