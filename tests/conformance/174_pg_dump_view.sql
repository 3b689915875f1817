SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);
SET default_tablespace = '';
CREATE TABLE public.artist (
    artist_id integer NOT NULL,
    name character varying(120)
);
CREATE TABLE public.album (
    album_id integer NOT NULL,
    title character varying(160) NOT NULL,
    artist_id integer NOT NULL
);
CREATE VIEW public.album_titles AS
 SELECT album.album_id,
    album.title,
    album.artist_id
   FROM public.album
  WHERE album.album_id > 0;
CREATE VIEW public.artist_albums AS
 SELECT ar.name,
    count(al.album_id) AS albums
   FROM (public.artist ar
     LEFT JOIN public.album al ON ((al.artist_id = ar.artist_id)))
  GROUP BY ar.name;
ALTER TABLE public.album_titles OWNER TO postgres;
ALTER VIEW public.artist_albums OWNER TO postgres;
INSERT INTO public.artist VALUES (1, 'AC/DC'), (2, 'Accept');
INSERT INTO public.album VALUES (1, 'For Those About To Rock', 1), (2, 'Balls to the Wall', 2), (3, 'Restless and Wild', 2);
ALTER TABLE ONLY public.artist ADD CONSTRAINT artist_pkey PRIMARY KEY (artist_id);
ALTER TABLE ONLY public.album ADD CONSTRAINT album_pkey PRIMARY KEY (album_id);
ALTER TABLE ONLY public.album ADD CONSTRAINT album_artist_id_fkey FOREIGN KEY (artist_id) REFERENCES public.artist(artist_id);
RESET search_path;
SELECT * FROM artist_albums ORDER BY name;
INSERT INTO album_titles VALUES (4, 'Orphan', 99);
UPDATE album_titles SET artist_id = 1 WHERE album_id = 3;
DELETE FROM artist WHERE artist_id = 2;
SELECT * FROM album_titles;
\dv
