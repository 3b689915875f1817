-- SET, SHOW, RESET and set_config as scripts and migrations use them.
SET search_path = public, extensions;
SHOW search_path;
SET search_path TO "$user", public;
SHOW search_path;
SET search_path = '';
SHOW search_path;
SET search_path TO DEFAULT;
SHOW search_path;
SELECT set_config('search_path', 'public', false) AS previous;

-- Values are checked as PostgreSQL checks them.
SET client_min_messages = bogus;
SET row_security = maybe;
SET statement_timeout = 'abc';
SET statement_timeout = '90s';
SHOW statement_timeout;
SET statement_timeout = 60000;
SHOW statement_timeout;
SET lock_timeout TO '1500';
SHOW lock_timeout;
SET default_tablespace = 'fast_disks';
SET default_table_access_method = columnar;
SET client_min_messages = notice, warning;
SET nosuch_setting = 1;
SHOW nosuch_setting;
RESET nosuch_setting;
SELECT pg_catalog.set_config('nosuch_setting', '1', false);

-- Placeholders (a dotted name) are anyone's to set.
SET app.current_tenant = 'acme';
SHOW app.current_tenant;
SHOW app.other;

-- client_min_messages filters NOTICEs, then WARNINGs too.
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent ON DELETE CASCADE);
SET client_min_messages = warning;
DROP TABLE IF EXISTS missing;
COMMIT;
SET client_min_messages TO error;
COMMIT;
DROP TABLE parent CASCADE;
RESET client_min_messages;
DROP TABLE IF EXISTS missing;

-- SET is transactional; SET LOCAL lasts until the end of the transaction.
BEGIN;
SET search_path = nowhere;
SHOW search_path;
ROLLBACK;
SHOW search_path;
SET LOCAL search_path = nowhere;
BEGIN;
SET LOCAL statement_timeout = '5s';
SHOW statement_timeout;
SELECT set_config('search_path', 'public, auth', true);
SHOW search_path;
COMMIT;
SHOW statement_timeout;
SHOW search_path;
BEGIN;
SET client_min_messages = bogus;
SHOW search_path;
ROLLBACK;
