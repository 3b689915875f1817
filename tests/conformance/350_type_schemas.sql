-- Enum types and domains belong to a schema: two of one name in two schemas stay distinct,
-- an unqualified name resolves along the search path, and type names print as format_type
-- prints them (qualified when the first type of that name on the search path is another).
CREATE SCHEMA app;
CREATE TYPE public.mood AS ENUM ('sad', 'ok');
CREATE TYPE app.mood AS ENUM ('meh', 'great', 'bad');
CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0);
CREATE TABLE t (
    id int PRIMARY KEY,
    m mood DEFAULT 'ok',
    m2 app.mood DEFAULT 'meh',
    p app.posint,
    ms app.mood[],
    ms2 mood[] DEFAULT '{sad}',
    CHECK (m2 <> 'bad'::app.mood)
);
\d t
INSERT INTO t VALUES (1, 'x');
INSERT INTO t (id, m2) VALUES (2, 'x');
INSERT INTO t (id, p) VALUES (3, 0);
SELECT 'x'::app.mood;
SELECT 'x'::mood;
SELECT 'great'::app.mood < 'bad'::app.mood AS declared_order;
SELECT 'sad'::mood = 'sad'::app.mood;
INSERT INTO t (id, m, m2, p) VALUES (1, 'sad', 'great', 5);
-- app first: its mood is the visible one, public's is qualified.
SET search_path = app, public;
\d t
INSERT INTO t (id, m2) VALUES (2, 'x');
INSERT INTO t VALUES (2, 'x');
INSERT INTO t (id, p) VALUES (3, 0);
SELECT 'great'::mood;
-- pg_dump's empty search path: every user type is qualified, and unqualified ones are unknown.
SET search_path = '';
\d public.t
INSERT INTO public.t VALUES (4, 'x');
INSERT INTO public.t (id, p) VALUES (4, 0);
SELECT 'x'::mood;
CREATE TYPE mood2 AS ENUM ('a');
CREATE DOMAIN d2 AS int;
CREATE TABLE public.u (m public.mood, d app.posint DEFAULT 1, CHECK (m <> 'ok'::public.mood));
\d public.u
RESET search_path;
\d u
CREATE TYPE mood AS ENUM ('x');
CREATE TYPE app.mood AS ENUM ('x');
CREATE DOMAIN mood AS int;
DROP TYPE IF EXISTS app.nope, nope;
CREATE TYPE app.spare AS ENUM ('x');
DROP TYPE spare;
DROP TYPE app.spare;
CREATE DOMAIN app.spare AS text;
DROP DOMAIN spare;
DROP DOMAIN app.spare;
DROP TABLE u;
DROP TYPE app.mood;
SELECT * FROM t;
