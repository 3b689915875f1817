-- \dT: the enum types and domains visible on the search path, or those a pattern names, with
-- names as format_type prints them and their comments.
CREATE SCHEMA app;
CREATE TYPE public.mood AS ENUM ('sad', 'ok');
CREATE TYPE app.mood AS ENUM ('meh', 'great', 'bad');
CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0);
CREATE TYPE app.color AS ENUM ('red');
COMMENT ON TYPE app.color IS 'colours';
COMMENT ON DOMAIN app.posint IS 'positive';
\dT
\dT app.*
\dT mood
\dT app.m*
\dT "app".*
SET search_path = app, public;
\dT
\dT public.*
SET search_path = '';
\dT
\dT public.mood
RESET search_path;
DROP TYPE app.color;
\dT app.*
