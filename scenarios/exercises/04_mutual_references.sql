-- title: Two tables that need each other
-- goal: Every department has a manager, and every employee belongs to a department. Make it
-- goal: possible to create a new department together with its first employee, in one transaction.
-- hint: Whichever row you insert first, its foreign key fails at the end of its INSERT.
-- hint: Only one of the two constraints has to wait: make it DEFERRABLE INITIALLY DEFERRED.
-- hint: ALTER TABLE departments DROP CONSTRAINT departments_manager_id_fkey; ADD it again ... DEFERRABLE INITIALLY DEFERRED.
--- setup
CREATE TABLE departments (id int PRIMARY KEY, manager_id int NOT NULL);
CREATE TABLE employees (id int PRIMARY KEY, department_id int NOT NULL REFERENCES departments);
ALTER TABLE departments ADD FOREIGN KEY (manager_id) REFERENCES employees;
--- check
-- a department and its first employee, created together
BEGIN;
INSERT INTO departments VALUES (1, 100);  -- expect: ok
INSERT INTO employees VALUES (100, 1);  -- expect: ok
COMMIT;  -- expect: ok
-- a department whose manager never appears is still refused
BEGIN;
INSERT INTO departments VALUES (2, 200);
COMMIT;  -- expect: error 23503 departments_manager_id_fkey
-- and so is an employee of a department that does not exist
INSERT INTO employees VALUES (101, 9);  -- expect: error 23503 employees_department_id_fkey
--- solution
ALTER TABLE departments DROP CONSTRAINT departments_manager_id_fkey;
ALTER TABLE departments ADD CONSTRAINT departments_manager_id_fkey
  FOREIGN KEY (manager_id) REFERENCES employees DEFERRABLE INITIALLY DEFERRED;
--- wrong
ALTER TABLE departments DROP CONSTRAINT departments_manager_id_fkey;
