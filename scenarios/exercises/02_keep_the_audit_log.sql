-- title: Delete a user, keep the audit log
-- goal: An admin must be able to delete a user. Their sessions should go with them, but the
-- goal: audit log must keep every entry (with no user attached any more). Today the delete fails.
-- hint: Two foreign keys block the delete: sessions_user_id_fkey and audit_log_user_id_fkey.
-- hint: Sessions may go with the user: ON DELETE CASCADE. Audit entries must stay: ON DELETE SET NULL.
-- hint: Recreate each key in one statement, so the table is never without it: ALTER TABLE sessions DROP CONSTRAINT sessions_user_id_fkey, ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users ON DELETE ...; the same for audit_log.
--- setup
CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);
CREATE TABLE sessions (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users);
CREATE TABLE audit_log (id int PRIMARY KEY, user_id int REFERENCES users, action text NOT NULL);
INSERT INTO users VALUES (1, 'ada@example.com'), (2, 'grace@example.com');
INSERT INTO sessions VALUES (1, 1), (2, 1), (3, 2);
INSERT INTO audit_log VALUES (1, 1, 'login'), (2, 1, 'export'), (3, 2, 'login');
--- check
-- the admin deletes a user
INSERT INTO users VALUES (501, 'new@example.com');
INSERT INTO sessions VALUES (501, 501), (502, 501);
INSERT INTO audit_log VALUES (501, 501, 'login'), (502, 501, 'export');
DELETE FROM users WHERE id = 501;  -- expect: ok
-- the user's sessions go with them
SELECT count(*) FROM sessions WHERE id IN (501, 502);  -- expect: value 0
-- every audit entry is still there, with no user attached
SELECT count(*) FROM audit_log WHERE id IN (501, 502) AND user_id IS NULL;  -- expect: value 2
-- the other users' sessions and audit entries are untouched
SELECT count(*) FROM sessions WHERE user_id = 2;  -- expect: value 1
SELECT count(*) FROM audit_log WHERE user_id = 2;  -- expect: value 1
-- a session or an audit entry still cannot name a user who does not exist
INSERT INTO sessions VALUES (503, 999);  -- expect: error 23503
INSERT INTO audit_log VALUES (503, 999, 'ghost');  -- expect: error 23503
--- solution
ALTER TABLE sessions
  DROP CONSTRAINT sessions_user_id_fkey,
  ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE;
ALTER TABLE audit_log
  DROP CONSTRAINT audit_log_user_id_fkey,
  ADD CONSTRAINT audit_log_user_id_fkey FOREIGN KEY (user_id) REFERENCES users ON DELETE SET NULL;
--- alternative
BEGIN;
ALTER TABLE sessions
  DROP CONSTRAINT sessions_user_id_fkey,
  ADD CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE;
ALTER TABLE audit_log
  DROP CONSTRAINT audit_log_user_id_fkey,
  ADD CONSTRAINT audit_log_user_fk FOREIGN KEY (user_id) REFERENCES users ON DELETE SET NULL (user_id);
COMMIT;
--- alternative
CREATE FUNCTION before_user_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM sessions WHERE user_id = OLD.id;
  UPDATE audit_log SET user_id = NULL WHERE user_id = OLD.id;
  RETURN OLD;
END;
$$;
CREATE TRIGGER users_before_delete BEFORE DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION before_user_delete();
--- wrong
ALTER TABLE sessions DROP CONSTRAINT sessions_user_id_fkey;
ALTER TABLE sessions ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_user_id_fkey;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_user_id_fkey FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE;
--- wrong
ALTER TABLE sessions DROP CONSTRAINT sessions_user_id_fkey;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_user_id_fkey;
--- data-only
DELETE FROM sessions WHERE user_id = 1;
UPDATE audit_log SET user_id = NULL WHERE user_id = 1;
DELETE FROM users WHERE id = 1;
