-- Bad input gets PostgreSQL's errors and the session goes on.
CREATE TABLE customers (id int PRIMARY KEY);
SELEC 1;
SELECT * FROM WHERE;
INSERT INTO nope VALUES (1);
INSERT INTO customers VALUES ('abc');
INSERT INTO customers VALUES (99999999999);
SELECT 1 + 'a';
SELECT 1::int + true;
SELECT nope FROM customers;
CREATE TABLE t1 (a int, PRIMARY KEY (b));
CREATE TABLE t5 (a int PRIMARY KEY, b int PRIMARY KEY);
CREATE TABLE t6 (a foo);
UPDATE nope SET a = 1;
DELETE FROM nope;
INSERT INTO customers VALUES (1);
SELECT * FROM customers;
BEGIN;
SELECT 1/0;
SELECT 1;
ROLLBACK;
SELECT count(*) FROM customers;
-- an unclosed parenthesis keeps psql reading: the rest of the file is one statement
INSERT INTO customers VALUES (1;
SELECT 1;
