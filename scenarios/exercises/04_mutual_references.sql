-- title: Two tables that need each other
-- goal: Every department has a manager, and every employee belongs to a department. Make it
-- goal: possible to create a new department together with its first employee, in one transaction.
-- hint: Whichever row you insert first, its foreign key fails at the end of its INSERT.
-- hint: Only one of the two constraints has to wait: make it DEFERRABLE INITIALLY DEFERRED.
-- hint: PostgreSQL changes that in place: ALTER TABLE departments ALTER CONSTRAINT departments_manager_id_fkey DEFERRABLE INITIALLY DEFERRED.
--- setup
CREATE TABLE departments (id int PRIMARY KEY, manager_id int NOT NULL);
CREATE TABLE employees (id int PRIMARY KEY, department_id int NOT NULL REFERENCES departments);
ALTER TABLE departments ADD FOREIGN KEY (manager_id) REFERENCES employees;
--- check
-- a department and its first employee can be created together in one transaction
-- (the department first, the employee first, or either after SET CONSTRAINTS ALL DEFERRED:
-- one of these ways must work)
BEGIN;
INSERT INTO departments VALUES (501, 9001);
INSERT INTO employees VALUES (9001, 501);
COMMIT;
BEGIN;
INSERT INTO employees VALUES (9002, 502);
INSERT INTO departments VALUES (502, 9002);
COMMIT;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO departments VALUES (505, 9005);
INSERT INTO employees VALUES (9005, 505);
COMMIT;
SELECT count(*) > 0 FROM departments d JOIN employees e ON e.id = d.manager_id AND e.department_id = d.id WHERE d.id IN (501, 502, 505);  -- expect: value t
-- a department whose manager never appears is still refused
BEGIN;
INSERT INTO departments VALUES (503, 9999);
COMMIT;
SELECT count(*) FROM departments WHERE id = 503;  -- expect: value 0
-- and so is an employee of a department that does not exist
BEGIN;
INSERT INTO employees VALUES (9003, 999);
COMMIT;
SELECT count(*) FROM employees WHERE id = 9003;  -- expect: value 0
-- every department still has a manager
INSERT INTO departments VALUES (504, NULL);  -- expect: error 23502
--- solution
ALTER TABLE departments ALTER CONSTRAINT departments_manager_id_fkey DEFERRABLE INITIALLY DEFERRED;
--- alternative
ALTER TABLE employees ALTER CONSTRAINT employees_department_id_fkey DEFERRABLE INITIALLY DEFERRED;
--- alternative
ALTER TABLE departments ALTER CONSTRAINT departments_manager_id_fkey DEFERRABLE;
--- alternative
ALTER TABLE departments
  DROP CONSTRAINT departments_manager_id_fkey,
  ADD CONSTRAINT departments_manager_fk FOREIGN KEY (manager_id) REFERENCES employees
    DEFERRABLE INITIALLY DEFERRED;
--- wrong
ALTER TABLE departments DROP CONSTRAINT departments_manager_id_fkey;
--- wrong
ALTER TABLE departments ALTER COLUMN manager_id DROP NOT NULL;
--- data-only
ALTER TABLE departments ALTER COLUMN manager_id DROP NOT NULL;
INSERT INTO departments VALUES (1, NULL);
INSERT INTO employees VALUES (100, 1);
UPDATE departments SET manager_id = 100 WHERE id = 1;
ALTER TABLE departments ALTER COLUMN manager_id SET NOT NULL;
