-- A foreign key of a partitioned table is copied to every partition (same name): a row
-- inserted through the parent or straight into a partition is checked in that partition, and
-- the error names the partition. Deleting a referenced row finds referencing rows in every
-- partition; its actions reach them all.
CREATE TABLE customers (id int PRIMARY KEY, name text);
INSERT INTO customers VALUES (1, 'ann'), (2, 'bob'), (3, 'cy');
CREATE TABLE invoices (id int, year int, customer_id int REFERENCES customers ON DELETE CASCADE,
    PRIMARY KEY (id, year)) PARTITION BY RANGE (year);
CREATE TABLE invoices_2023 PARTITION OF invoices FOR VALUES FROM (2023) TO (2024);
CREATE TABLE invoices_2024 PARTITION OF invoices FOR VALUES FROM (2024) TO (2025);
INSERT INTO invoices VALUES (1, 2023, 1), (2, 2024, 1), (3, 2024, 2), (4, 2023, 3);
INSERT INTO invoices VALUES (5, 2024, 9);
INSERT INTO invoices_2023 VALUES (6, 2023, 8);
INSERT INTO invoices VALUES (7, 2023, NULL);
INSERT INTO invoices VALUES (1, 2023, 2);
\d invoices
\d invoices_2023
\d customers
DELETE FROM customers WHERE id = 1;
SELECT * FROM invoices;
UPDATE invoices SET customer_id = 7 WHERE id = 3;
UPDATE invoices_2024 SET customer_id = 3 WHERE id = 3;
SELECT * FROM invoices;
-- A partition created after the key gets its copy too; so does a sub-partitioned one.
CREATE TABLE invoices_2025 PARTITION OF invoices FOR VALUES FROM (2025) TO (2026) PARTITION BY LIST (customer_id);
CREATE TABLE invoices_2025 PARTITION OF invoices FOR VALUES FROM (2025) TO (2026) PARTITION BY RANGE (id);
CREATE TABLE invoices_2025_a PARTITION OF invoices_2025 FOR VALUES FROM (MINVALUE) TO (9);
CREATE TABLE invoices_2025_b PARTITION OF invoices_2025 DEFAULT;
INSERT INTO invoices VALUES (8, 2025, 3), (9, 2025, NULL);
INSERT INTO invoices VALUES (10, 2025, 4);
\d invoices_2025
\d invoices_2025_b
SELECT * FROM invoices;
-- Other actions: SET NULL through partitions, RESTRICT.
CREATE TABLE notes (id int, kind text, customer_id int REFERENCES customers ON DELETE SET NULL)
    PARTITION BY LIST (kind);
CREATE TABLE notes_a PARTITION OF notes FOR VALUES IN ('a');
CREATE TABLE notes_b PARTITION OF notes FOR VALUES IN ('b');
INSERT INTO notes VALUES (1, 'b', 2), (2, 'a', 2), (3, 'a', 3);
CREATE TABLE holds (customer_id int REFERENCES customers ON DELETE RESTRICT, k int)
    PARTITION BY RANGE (k);
CREATE TABLE holds_1 PARTITION OF holds FOR VALUES FROM (0) TO (100);
INSERT INTO holds VALUES (3, 5);
DELETE FROM customers WHERE id = 2;
SELECT * FROM notes;
SELECT * FROM invoices;
DELETE FROM customers WHERE id = 3;
BEGIN;
DELETE FROM holds;
DELETE FROM customers WHERE id = 3;
SELECT * FROM invoices;
SELECT * FROM notes;
ROLLBACK;
SELECT count(*) FROM invoices;
