-- The two directions of 23503, explained, with fixes that fit this schema.
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);
INSERT INTO orders VALUES (1, 42);
INSERT INTO customers VALUES (42, 'Acme');
INSERT INTO orders VALUES (1, 42);
DELETE FROM customers WHERE id = 42;
