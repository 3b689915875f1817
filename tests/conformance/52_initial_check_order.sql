-- Which violating row ADD CONSTRAINT and VALIDATE name first: PostgreSQL's RI_Initial_Check
-- runs one anti-join query and reports the first row it returns, so the order is its plan's
-- (here a merge anti join, which sorts the keys), not the table's scan order.
CREATE TABLE slot (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE booking (id int PRIMARY KEY, a int, b int);
INSERT INTO slot VALUES (1, 1);
INSERT INTO booking VALUES (1, 1, 1), (2, 3, 3), (3, 2, 2), (4, NULL, NULL);
ALTER TABLE booking ADD FOREIGN KEY (a, b) REFERENCES slot;
ALTER TABLE booking ADD FOREIGN KEY (a, b) REFERENCES slot NOT VALID;
ALTER TABLE booking VALIDATE CONSTRAINT booking_a_b_fkey;
ALTER TABLE booking DROP CONSTRAINT booking_a_b_fkey;
DELETE FROM booking WHERE id IN (2, 3);
INSERT INTO booking VALUES (5, NULL, 2), (6, 2, 2);
ALTER TABLE booking ADD FOREIGN KEY (a, b) REFERENCES slot MATCH FULL;
