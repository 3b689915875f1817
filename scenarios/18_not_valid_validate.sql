-- # NOT VALID and VALIDATE CONSTRAINT: adding a key to a table that already has orphans
--
-- ADD CONSTRAINT checks every row the table already has: one row pointing nowhere and the key
-- is not added at all. NOT VALID adds it without looking at the old rows; from then on every
-- new or changed row is checked. VALIDATE CONSTRAINT later checks the old rows, and the key is
-- trusted only once it succeeds. On a big table this is also how you avoid holding a strong
-- lock while every row is read.
CREATE TABLE departments (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE staff (id int PRIMARY KEY, department_id int);
INSERT INTO departments VALUES (1, 'Sales'), (2, 'Support');
INSERT INTO staff VALUES (1, 1), (2, 2), (3, 7), (4, NULL), (5, 8);

-- Two rows name departments that do not exist (7 and 8): the key cannot be added.
ALTER TABLE staff ADD CONSTRAINT staff_department_id_fkey
  FOREIGN KEY (department_id) REFERENCES departments;   -- expect: error 23503 staff_department_id_fkey
\d staff

-- NOT VALID: the old rows are left alone, new ones are checked at once.
ALTER TABLE staff ADD CONSTRAINT staff_department_id_fkey
  FOREIGN KEY (department_id) REFERENCES departments NOT VALID;   -- expect: ok
\d staff
INSERT INTO staff VALUES (6, 9);   -- expect: error 23503 staff_department_id_fkey
-- Changing an old orphan's other columns does not check it; changing its key does.
UPDATE staff SET id = 30 WHERE id = 3;   -- expect: ok
UPDATE staff SET department_id = 9 WHERE id = 30;   -- expect: error 23503 staff_department_id_fkey

-- VALIDATE reads every old row: it fails on the first orphan it meets, and the key stays NOT VALID.
ALTER TABLE staff VALIDATE CONSTRAINT staff_department_id_fkey;   -- expect: error 23503 staff_department_id_fkey

-- Clean up the orphans: give one a department, clear the other's link (NULL is never checked).
INSERT INTO departments VALUES (7, 'Research');   -- expect: ok
UPDATE staff SET department_id = NULL WHERE department_id = 8;   -- expect: ok
ALTER TABLE staff VALIDATE CONSTRAINT staff_department_id_fkey;   -- expect: ok
\d staff
-- Validated: now a department with staff cannot go.
DELETE FROM departments WHERE id = 7;   -- expect: error 23503 staff_department_id_fkey
SELECT * FROM staff ORDER BY id;
