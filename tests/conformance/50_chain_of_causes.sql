-- The situations the teaching layer explains by their chain of causes, and the clean-up SQL
-- its diagnoses print (NOT IN for one column, an anti-join through the primary key for two),
-- run for real.
-- ON DELETE SET DEFAULT writes a default that has no parent.
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int DEFAULT 0 REFERENCES p ON DELETE SET DEFAULT);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1, 1);
DELETE FROM p WHERE id = 1;
INSERT INTO p VALUES (0);
DELETE FROM p WHERE id = 1;
SELECT * FROM c;
-- A cascade two levels down reaches a table whose key is NO ACTION.
CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a ON DELETE CASCADE);
CREATE TABLE bb (id int PRIMARY KEY, b_id int REFERENCES b ON DELETE CASCADE);
CREATE TABLE blocker (id int PRIMARY KEY, bb_id int REFERENCES bb);
INSERT INTO a VALUES (1);
INSERT INTO b VALUES (10, 1);
INSERT INTO bb VALUES (100, 10);
INSERT INTO blocker VALUES (1000, 100);
DELETE FROM a WHERE id = 1;
-- ON UPDATE CASCADE carries a new key into a child whose own children are RESTRICT.
CREATE TABLE region (code text PRIMARY KEY);
CREATE TABLE office (code text PRIMARY KEY REFERENCES region ON UPDATE CASCADE);
CREATE TABLE desk (id int PRIMARY KEY, office_code text REFERENCES office ON UPDATE RESTRICT);
INSERT INTO region VALUES ('n');
INSERT INTO office VALUES ('n');
INSERT INTO desk VALUES (1, 'n');
UPDATE region SET code = 'north';
-- A cascaded delete fires an AFTER DELETE trigger whose row has no parent.
CREATE TABLE ta (id int PRIMARY KEY);
CREATE TABLE tb (id int PRIMARY KEY, ta_id int REFERENCES ta ON DELETE CASCADE);
CREATE TABLE tlog (id int PRIMARY KEY, ta_id int REFERENCES ta);
CREATE FUNCTION remember() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tlog VALUES (old.id, old.ta_id);
  RETURN old;
END;
$$;
CREATE TRIGGER keep AFTER DELETE ON tb FOR EACH ROW EXECUTE FUNCTION remember();
INSERT INTO ta VALUES (1);
INSERT INTO tb VALUES (10, 1);
DELETE FROM ta;
SELECT count(*) FROM tb;
-- RESTRICT refuses what NO ACTION accepts: another row takes over the old key.
CREATE TABLE rp (id int PRIMARY KEY);
CREATE TABLE rk (id int PRIMARY KEY, rp_id int REFERENCES rp ON UPDATE RESTRICT);
INSERT INTO rp VALUES (1), (0);
INSERT INTO rk VALUES (1, 1);
UPDATE rp SET id = CASE id WHEN 1 THEN 5 ELSE 1 END;
ALTER TABLE rk DROP CONSTRAINT rk_rp_id_fkey, ADD CONSTRAINT rk_rp_id_fkey FOREIGN KEY (rp_id) REFERENCES rp (id);
UPDATE rp SET id = CASE id WHEN 1 THEN 5 ELSE 1 END;
SELECT * FROM rp;
-- ADD CONSTRAINT over orphans; the clean-ups; NOT VALID then VALIDATE.
CREATE TABLE vp (id int PRIMARY KEY);
CREATE TABLE vc (id int PRIMARY KEY, vp_id int);
INSERT INTO vp VALUES (1);
INSERT INTO vc VALUES (1, 1), (2, 7), (3, 8), (4, NULL), (5, 7);
ALTER TABLE vc ADD FOREIGN KEY (vp_id) REFERENCES vp;
BEGIN;
INSERT INTO vp (id) SELECT DISTINCT vp_id FROM vc WHERE vp_id IS NOT NULL AND vp_id NOT IN (SELECT id FROM vp WHERE id IS NOT NULL);
ALTER TABLE vc ADD FOREIGN KEY (vp_id) REFERENCES vp;
SELECT * FROM vp ORDER BY id;
ROLLBACK;
BEGIN;
UPDATE vc SET vp_id = NULL WHERE vp_id IS NOT NULL AND vp_id NOT IN (SELECT id FROM vp WHERE id IS NOT NULL);
ALTER TABLE vc ADD FOREIGN KEY (vp_id) REFERENCES vp;
ROLLBACK;
ALTER TABLE vc ADD CONSTRAINT vc_vp_id_fkey FOREIGN KEY (vp_id) REFERENCES vp (id) NOT VALID;
UPDATE vc SET id = 30 WHERE id = 2;
ALTER TABLE vc VALIDATE CONSTRAINT vc_vp_id_fkey;
DELETE FROM vc WHERE vp_id IS NOT NULL AND vp_id NOT IN (SELECT id FROM vp WHERE id IS NOT NULL);
ALTER TABLE vc VALIDATE CONSTRAINT vc_vp_id_fkey;
SELECT * FROM vc;
-- A composite key over orphans, cleaned up through the primary key.
CREATE TABLE cp (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE cc (id int PRIMARY KEY, a int, b int);
INSERT INTO cp VALUES (1, 1);
INSERT INTO cc VALUES (1, 1, 1), (2, 1, 2), (3, NULL, 2);
ALTER TABLE cc ADD FOREIGN KEY (a, b) REFERENCES cp;
DELETE FROM cc WHERE id IN (SELECT c.id FROM cc AS c LEFT JOIN cp AS r ON r.a = c.a AND r.b = c.b WHERE (c.a IS NOT NULL AND c.b IS NOT NULL) AND r.a IS NULL);
ALTER TABLE cc ADD FOREIGN KEY (a, b) REFERENCES cp;
SELECT * FROM cc;
