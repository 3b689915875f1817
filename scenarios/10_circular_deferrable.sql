-- # Tables that reference each other
--
-- Each row needs the other to exist first, so with immediate checks neither can go in.
-- DEFERRABLE INITIALLY DEFERRED moves the check to COMMIT: insert both, then commit.
CREATE TABLE departments (id int PRIMARY KEY, manager_id int);
CREATE TABLE employees (id int PRIMARY KEY, department_id int REFERENCES departments);
ALTER TABLE departments ADD FOREIGN KEY (manager_id) REFERENCES employees;

INSERT INTO departments VALUES (1, 100);   -- expect: error 23503 departments_manager_id_fkey

ALTER TABLE departments DROP CONSTRAINT departments_manager_id_fkey;
ALTER TABLE departments ADD FOREIGN KEY (manager_id) REFERENCES employees DEFERRABLE INITIALLY DEFERRED;
BEGIN;
INSERT INTO departments VALUES (1, 100);     -- expect: ok
INSERT INTO employees VALUES (100, 1);       -- expect: ok
COMMIT;

-- a deferred check that still fails at COMMIT rolls the whole transaction back
BEGIN;
INSERT INTO departments VALUES (2, 200);     -- expect: ok
COMMIT;                                      -- expect: error 23503 departments_manager_id_fkey
SELECT count(*) FROM departments;
