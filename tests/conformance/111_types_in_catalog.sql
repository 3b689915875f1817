-- Enum types and domains belong to the catalog: ROLLBACK (to a savepoint too) undoes CREATE
-- and DROP of them. A type that does not exist is reported at its name.
BEGIN;
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE DOMAIN d AS int CHECK (VALUE > 0);
CREATE TABLE t (m mood, x d);
ROLLBACK;
CREATE TABLE t (m mood);
SELECT 'sad'::mood;
CREATE TYPE mood AS ENUM ('sad', 'happy');
BEGIN;
DROP TYPE mood;
ROLLBACK;
SELECT 'happy'::mood;
SAVEPOINT x;
BEGIN;
CREATE DOMAIN pos AS int CHECK (VALUE > 0);
SAVEPOINT a;
DROP DOMAIN pos;
ROLLBACK TO a;
CREATE TABLE u (p pos);
COMMIT;
INSERT INTO u VALUES (0);
SELECT 'a'::text::nope;
SELECT CAST('a' AS nope);
SELECT ('a')::nope;
SELECT 1::numeric(2000);
