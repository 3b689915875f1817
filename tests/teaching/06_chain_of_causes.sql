-- The chain of causes: the action, cascade path, trigger or VALIDATE that produced the row a
-- failing check judged, and RESTRICT refusing where NO ACTION would accept a replacement.
-- ON DELETE SET DEFAULT wrote a default that has no parent.
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int DEFAULT 0 REFERENCES p ON DELETE SET DEFAULT);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1, 1);
DELETE FROM p WHERE id = 1;
-- ON DELETE SET DEFAULT whose default is the very key deleted: the rows still reference it.
CREATE TABLE sp (id int PRIMARY KEY);
CREATE TABLE sc (id int PRIMARY KEY, sp_id int DEFAULT 1 REFERENCES sp ON DELETE SET DEFAULT);
INSERT INTO sp VALUES (1), (2);
INSERT INTO sc VALUES (1, 1), (2, 2);
DELETE FROM sp WHERE id = 1;
DELETE FROM sp WHERE id = 2;
SELECT * FROM sc ORDER BY id;
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
-- The row was written by a trigger's function, not by the statement.
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE profiles (id int PRIMARY KEY, user_id int REFERENCES users);
CREATE FUNCTION make_profile() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profiles VALUES (new.id, new.id + 1000);
  RETURN new;
END;
$$;
CREATE TRIGGER on_user AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION make_profile();
INSERT INTO users VALUES (1);
-- ADD CONSTRAINT and VALIDATE judge rows already in the table.
CREATE TABLE vp (id int PRIMARY KEY);
CREATE TABLE vc (id int PRIMARY KEY, vp_id int);
INSERT INTO vp VALUES (1);
INSERT INTO vc VALUES (1, 1), (2, 7), (3, 8), (4, NULL);
ALTER TABLE vc ADD FOREIGN KEY (vp_id) REFERENCES vp;
ALTER TABLE vc ADD FOREIGN KEY (vp_id) REFERENCES vp NOT VALID;
ALTER TABLE vc VALIDATE CONSTRAINT vc_vp_id_fkey;
-- ADD COLUMN ... REFERENCES gives the rows already there its default, which has no parent.
ALTER TABLE vp ADD COLUMN owner_id int DEFAULT 5 REFERENCES vc;
-- RESTRICT refuses although another row now has the old key; NO ACTION accepts the same update.
CREATE TABLE rp (id int PRIMARY KEY);
CREATE TABLE rk (id int PRIMARY KEY, rp_id int REFERENCES rp ON UPDATE RESTRICT);
CREATE TABLE np (id int PRIMARY KEY);
CREATE TABLE nk (id int PRIMARY KEY, np_id int REFERENCES np);
INSERT INTO rp VALUES (1), (0);
INSERT INTO np VALUES (1), (0);
INSERT INTO rk VALUES (1, 1);
INSERT INTO nk VALUES (1, 1);
UPDATE rp SET id = CASE id WHEN 1 THEN 5 ELSE 1 END;
UPDATE np SET id = CASE id WHEN 1 THEN 5 ELSE 1 END;
-- A deferred check fails at COMMIT on a row an action changed earlier in the transaction.
CREATE TABLE da (id int PRIMARY KEY);
CREATE TABLE db (id int PRIMARY KEY, da_id int REFERENCES da ON DELETE CASCADE);
CREATE TABLE dc (id int PRIMARY KEY, db_id int REFERENCES db DEFERRABLE INITIALLY DEFERRED);
INSERT INTO da VALUES (1);
INSERT INTO db VALUES (10, 1);
INSERT INTO dc VALUES (100, 10);
BEGIN;
DELETE FROM da;
COMMIT;
-- A trigger's row whose deferred check fails at COMMIT (no CONTEXT then).
CREATE TABLE members (id int PRIMARY KEY);
CREATE TABLE cards (id int PRIMARY KEY, member_id int REFERENCES members DEFERRABLE INITIALLY DEFERRED);
CREATE FUNCTION make_card() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cards VALUES (new.id, new.id + 1000);
  RETURN new;
END;
$$;
CREATE TRIGGER on_member AFTER INSERT ON members FOR EACH ROW EXECUTE FUNCTION make_card();
BEGIN;
INSERT INTO members VALUES (1);
COMMIT;
-- A composite MATCH FULL key added over a row that mixes NULLs (all NULL is fine).
CREATE TABLE slot (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE booking (id int PRIMARY KEY, a int, b int);
INSERT INTO slot VALUES (1, 1);
INSERT INTO booking VALUES (1, 1, 1), (2, NULL, 2), (4, NULL, NULL);
ALTER TABLE booking ADD FOREIGN KEY (a, b) REFERENCES slot MATCH FULL;
-- A long cascade is named by its ends.
CREATE TABLE node (id int PRIMARY KEY, up int REFERENCES node ON DELETE CASCADE);
INSERT INTO node SELECT g, NULLIF(g - 1, 0) FROM generate_series(1, 12) AS g;
CREATE TABLE tag (id int PRIMARY KEY, node_id int REFERENCES node);
INSERT INTO tag VALUES (1, 12);
DELETE FROM node WHERE id = 1;
