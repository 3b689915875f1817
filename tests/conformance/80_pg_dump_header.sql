--
-- PostgreSQL database dump: the header every pg_dump writes, then a schema in its style.
--

\restrict 7bPqYd0GzRkq2fHc1Xa9LmT3vWnE5sJu

-- Dumped from database version 15.18
-- Dumped by pg_dump version 15.18

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: artist; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.artist (
    artist_id integer NOT NULL,
    name character varying(120)
);

CREATE TABLE public.album (
    album_id integer NOT NULL,
    title character varying(160) NOT NULL,
    artist_id integer NOT NULL
);

ALTER TABLE ONLY public.artist
    ADD CONSTRAINT artist_pkey PRIMARY KEY (artist_id);

ALTER TABLE ONLY public.album
    ADD CONSTRAINT album_pkey PRIMARY KEY (album_id);

ALTER TABLE ONLY public.album
    ADD CONSTRAINT album_artist_id_fkey FOREIGN KEY (artist_id) REFERENCES public.artist(artist_id);

-- Nothing is on the search path now: a bare name finds nothing, and CREATE has no schema.
CREATE TABLE track (track_id integer);
INSERT INTO album VALUES (1, 'For Those About To Rock', 1);
INSERT INTO public.album VALUES (1, 'For Those About To Rock', 1);

-- client_min_messages = warning hides the NOTICE this would give.
DROP TABLE IF EXISTS public.nope;

-- Inside the restricted stretch psql refuses every meta-command but \unrestrict.
\d public.album

SHOW search_path;
SHOW client_min_messages;
SHOW statement_timeout;
SHOW default_tablespace;

\unrestrict 7bPqYd0GzRkq2fHc1Xa9LmT3vWnE5sJu

--
-- PostgreSQL database dump complete
--

-- \d qualifies what the search path does not show.
\d public.album

-- After the dump: back to a session's defaults, and the NOTICE comes through again.
RESET ALL;
DROP TABLE IF EXISTS public.nope;
SHOW search_path;
\d album
INSERT INTO artist VALUES (1, 'AC/DC');
INSERT INTO album VALUES (1, 'For Those About To Rock', 1);
DELETE FROM artist;
