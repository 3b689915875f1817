-- # Referencing the wrong column, or the wrong type
--
-- A foreign key must point at columns that are unique in the parent (its primary key or a
-- UNIQUE constraint), and the types on both sides must be comparable. PostgreSQL checks both
-- when the constraint is created, long before any row arrives.
CREATE TABLE customers (id int PRIMARY KEY, email text, code text UNIQUE);

-- email is not unique: nothing guarantees one parent per key
CREATE TABLE orders (id int PRIMARY KEY, customer_email text REFERENCES customers (email));  -- expect: error 42830

-- text cannot reference an integer key
CREATE TABLE orders (id int PRIMARY KEY, customer_id text REFERENCES customers (id));  -- expect: error 42804

-- a column that does not exist
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (customer_id));  -- expect: error 42703

-- the fixes: reference the key with the matching type, or a UNIQUE column
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id));  -- expect: ok
CREATE TABLE invoices (id int PRIMARY KEY, customer_code text REFERENCES customers (code));  -- expect: ok
\d invoices
