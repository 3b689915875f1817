-- pg_dump's output for partitioned tables with foreign keys between them (made on PostgreSQL 15:
-- ATTACH PARTITION, ALTER TABLE ONLY ... ADD CONSTRAINT, ALTER INDEX ... ATTACH PARTITION),
-- then the foreign-key workload a user tries on the loaded data.
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

CREATE TABLE public.regions (
    code text NOT NULL
);

ALTER TABLE public.regions OWNER TO postgres;

CREATE TABLE public.sales (
    id integer NOT NULL,
    store_id integer,
    region text,
    day date NOT NULL
)
PARTITION BY RANGE (day);

ALTER TABLE public.sales OWNER TO postgres;

CREATE TABLE public.sales_2024 (
    id integer NOT NULL,
    store_id integer,
    region text,
    day date NOT NULL
)
PARTITION BY RANGE (id);

ALTER TABLE public.sales_2024 OWNER TO postgres;

CREATE TABLE public.sales_2024_a (
    id integer NOT NULL,
    store_id integer,
    region text,
    day date NOT NULL
);

ALTER TABLE public.sales_2024_a OWNER TO postgres;

CREATE TABLE public.sales_2024_b (
    id integer NOT NULL,
    store_id integer,
    region text,
    day date NOT NULL
);

ALTER TABLE public.sales_2024_b OWNER TO postgres;

CREATE TABLE public.sales_other (
    id integer NOT NULL,
    store_id integer,
    region text,
    day date NOT NULL
);

ALTER TABLE public.sales_other OWNER TO postgres;

CREATE TABLE public.stores (
    id integer NOT NULL,
    region text NOT NULL
)
PARTITION BY LIST (region);

ALTER TABLE public.stores OWNER TO postgres;

CREATE TABLE public.stores_eu (
    id integer NOT NULL,
    region text NOT NULL
);

ALTER TABLE public.stores_eu OWNER TO postgres;

CREATE TABLE public.stores_us (
    id integer NOT NULL,
    region text NOT NULL
);

ALTER TABLE public.stores_us OWNER TO postgres;

ALTER TABLE ONLY public.sales ATTACH PARTITION public.sales_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

ALTER TABLE ONLY public.sales_2024 ATTACH PARTITION public.sales_2024_a FOR VALUES FROM (0) TO (100);

ALTER TABLE ONLY public.sales_2024 ATTACH PARTITION public.sales_2024_b FOR VALUES FROM (100) TO (MAXVALUE);

ALTER TABLE ONLY public.sales ATTACH PARTITION public.sales_other DEFAULT;

ALTER TABLE ONLY public.stores ATTACH PARTITION public.stores_eu FOR VALUES IN ('eu');

ALTER TABLE ONLY public.stores ATTACH PARTITION public.stores_us FOR VALUES IN ('us');

COPY public.regions (code) FROM stdin;
eu
us
\.

COPY public.sales_2024_a (id, store_id, region, day) FROM stdin;
1	1	eu	2024-02-01
3	1	eu	2024-04-04
\.

COPY public.sales_2024_b (id, store_id, region, day) FROM stdin;
150	2	us	2024-03-01
\.

COPY public.sales_other (id, store_id, region, day) FROM stdin;
2	3	eu	2023-05-05
\.

COPY public.stores_eu (id, region) FROM stdin;
1	eu
3	eu
\.

COPY public.stores_us (id, region) FROM stdin;
2	us
\.

ALTER TABLE ONLY public.regions
    ADD CONSTRAINT regions_pkey PRIMARY KEY (code);

ALTER TABLE ONLY public.sales
    ADD CONSTRAINT sales_pkey PRIMARY KEY (id, day);

ALTER TABLE ONLY public.sales_2024
    ADD CONSTRAINT sales_2024_pkey PRIMARY KEY (id, day);

ALTER TABLE ONLY public.sales_2024_a
    ADD CONSTRAINT sales_2024_a_pkey PRIMARY KEY (id, day);

ALTER TABLE ONLY public.sales_2024_b
    ADD CONSTRAINT sales_2024_b_pkey PRIMARY KEY (id, day);

ALTER TABLE ONLY public.sales_other
    ADD CONSTRAINT sales_other_pkey PRIMARY KEY (id, day);

ALTER TABLE ONLY public.stores
    ADD CONSTRAINT stores_pkey PRIMARY KEY (id, region);

ALTER TABLE ONLY public.stores_eu
    ADD CONSTRAINT stores_eu_pkey PRIMARY KEY (id, region);

ALTER TABLE ONLY public.stores_us
    ADD CONSTRAINT stores_us_pkey PRIMARY KEY (id, region);

ALTER INDEX public.sales_2024_pkey ATTACH PARTITION public.sales_2024_a_pkey;

ALTER INDEX public.sales_2024_pkey ATTACH PARTITION public.sales_2024_b_pkey;

ALTER INDEX public.sales_pkey ATTACH PARTITION public.sales_2024_pkey;

ALTER INDEX public.sales_pkey ATTACH PARTITION public.sales_other_pkey;

ALTER INDEX public.stores_pkey ATTACH PARTITION public.stores_eu_pkey;

ALTER INDEX public.stores_pkey ATTACH PARTITION public.stores_us_pkey;

ALTER TABLE public.sales
    ADD CONSTRAINT sales_store_id_region_fkey FOREIGN KEY (store_id, region) REFERENCES public.stores(id, region) ON DELETE CASCADE;

ALTER TABLE public.stores
    ADD CONSTRAINT stores_region_fkey FOREIGN KEY (region) REFERENCES public.regions(code);

SET search_path = public;
\d sales
\d sales_2024_b
\d stores_eu
SELECT * FROM sales;
INSERT INTO sales VALUES (4, 9, 'eu', '2024-05-05');
INSERT INTO public.sales VALUES (5, 2, 'eu', '2024-05-05');
DELETE FROM public.regions WHERE code = 'us';
DELETE FROM public.stores WHERE id = 1;
SELECT * FROM public.sales;
UPDATE public.stores SET id = 30 WHERE id = 3;
ALTER TABLE public.stores DETACH PARTITION public.stores_eu;
