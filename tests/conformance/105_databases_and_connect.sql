-- pg_dump -C and --clean preambles: CREATE / DROP / ALTER DATABASE and \connect. A new
-- database starts empty; \connect starts a new session on it.
CREATE TABLE here (a int);
DROP DATABASE IF EXISTS fksim_wtd_105;
DROP DATABASE fksim_wtd_105;
CREATE DATABASE fksim_wtd_105 WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'C.UTF-8';
ALTER DATABASE fksim_wtd_105 OWNER TO postgres;
ALTER DATABASE fksim_wtd_105_nope OWNER TO postgres;
CREATE DATABASE fksim_wtd_105;
\connect fksim_wtd_105
SELECT pg_catalog.set_config('search_path', '', false);
SELECT * FROM here;
CREATE TABLE public.there (id int PRIMARY KEY);
INSERT INTO public.there VALUES (1);
\c fksim_wtd_105
SELECT * FROM there;
BEGIN;
CREATE DATABASE fksim_wtd_105_b;
ROLLBACK;
DROP DATABASE fksim_wtd_105;
\c postgres
DROP DATABASE fksim_wtd_105;
SELECT * FROM there;
\c nope_fksim_wtd_105
SELECT 'psql stopped before this';
