-- title: Delete a user, keep the audit log
-- goal: An admin must be able to delete a user. Their sessions should go with them, but the
-- goal: audit log must keep every entry (with no user attached any more). Today the delete fails.
-- hint: Two foreign keys block the delete: sessions_user_id_fkey and audit_log_user_id_fkey.
-- hint: Sessions may go with the user: ON DELETE CASCADE. Audit entries must stay: ON DELETE SET NULL.
-- hint: Recreate each constraint: ALTER TABLE ... DROP CONSTRAINT ...; ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY (user_id) REFERENCES users ON DELETE ...;
--- setup
CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);
CREATE TABLE sessions (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users);
CREATE TABLE audit_log (id int PRIMARY KEY, user_id int REFERENCES users, action text NOT NULL);
INSERT INTO users VALUES (1, 'ada@example.com'), (2, 'grace@example.com');
INSERT INTO sessions VALUES (1, 1), (2, 1), (3, 2);
INSERT INTO audit_log VALUES (1, 1, 'login'), (2, 1, 'export'), (3, 2, 'login');
--- check
-- the admin deletes the user
DELETE FROM users WHERE id = 1;  -- expect: ok
-- the user's sessions go with them
SELECT count(*) FROM sessions WHERE user_id = 1;  -- expect: value 0
-- every audit entry is still there
SELECT count(*) FROM audit_log;  -- expect: value 3
-- the deleted user's entries have no user any more
SELECT count(*) FROM audit_log WHERE user_id IS NULL;  -- expect: value 2
--- solution
ALTER TABLE sessions DROP CONSTRAINT sessions_user_id_fkey;
ALTER TABLE sessions ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_user_id_fkey;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_user_id_fkey FOREIGN KEY (user_id) REFERENCES users ON DELETE SET NULL;
--- wrong
ALTER TABLE sessions DROP CONSTRAINT sessions_user_id_fkey;
ALTER TABLE sessions ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_user_id_fkey;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_user_id_fkey FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE;
