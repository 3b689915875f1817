--
-- PostgreSQL database dump
--

\restrict VlD6DsAfvA7qzMVT3VSPSBalwIepMscpbm22ENI6ODdZPbwOBKMzE2JWz9p0ZRF

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

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
-- Name: customer; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.customer (
    customer_id integer NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    email character varying(50),
    active boolean DEFAULT true
);


ALTER TABLE public.customer OWNER TO postgres;

--
-- Name: active_customers; Type: VIEW; Schema: public; Owner: postgres
--

CREATE VIEW public.active_customers AS
 SELECT customer.customer_id,
    customer.first_name,
    customer.last_name,
    customer.email,
    customer.active
   FROM public.customer
  WHERE (customer.active AND (customer.email IS NOT NULL));


ALTER TABLE public.active_customers OWNER TO postgres;

--
-- Name: customer_customer_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.customer_customer_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.customer_customer_id_seq OWNER TO postgres;

--
-- Name: customer_customer_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.customer_customer_id_seq OWNED BY public.customer.customer_id;


--
-- Name: customer_list; Type: VIEW; Schema: public; Owner: postgres
--

CREATE VIEW public.customer_list AS
 SELECT cu.customer_id AS id,
    ((cu.first_name || ' '::text) || cu.last_name) AS name,
    cu.email
   FROM public.customer cu;


ALTER TABLE public.customer_list OWNER TO postgres;

--
-- Name: rental; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.rental (
    rental_id integer NOT NULL,
    customer_id integer NOT NULL,
    amount numeric(5,2),
    rented_at date
);


ALTER TABLE public.rental OWNER TO postgres;

--
-- Name: rental_by_month; Type: MATERIALIZED VIEW; Schema: public; Owner: postgres
--

CREATE MATERIALIZED VIEW public.rental_by_month AS
 SELECT date_trunc('month'::text, (rental.rented_at)::timestamp with time zone) AS month,
    count(*) AS n
   FROM public.rental
  GROUP BY (date_trunc('month'::text, (rental.rented_at)::timestamp with time zone))
  ORDER BY (date_trunc('month'::text, (rental.rented_at)::timestamp with time zone))
  WITH NO DATA;


ALTER TABLE public.rental_by_month OWNER TO postgres;

--
-- Name: rental_rental_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.rental_rental_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.rental_rental_id_seq OWNER TO postgres;

--
-- Name: rental_rental_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.rental_rental_id_seq OWNED BY public.rental.rental_id;


--
-- Name: sales_by_customer; Type: VIEW; Schema: public; Owner: postgres
--

CREATE VIEW public.sales_by_customer AS
 SELECT c.customer_id,
    sum(r.amount) AS total,
    count(*) AS rentals
   FROM (public.customer c
     JOIN public.rental r ON ((r.customer_id = c.customer_id)))
  GROUP BY c.customer_id
  ORDER BY (sum(r.amount)) DESC;


ALTER TABLE public.sales_by_customer OWNER TO postgres;

--
-- Name: customer customer_id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.customer ALTER COLUMN customer_id SET DEFAULT nextval('public.customer_customer_id_seq'::regclass);


--
-- Name: rental rental_id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.rental ALTER COLUMN rental_id SET DEFAULT nextval('public.rental_rental_id_seq'::regclass);


--
-- Data for Name: customer; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.customer (customer_id, first_name, last_name, email, active) FROM stdin;
1	Mary	Smith	mary@x.org	t
2	Pat	Jones	\N	t
\.


--
-- Data for Name: rental; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.rental (rental_id, customer_id, amount, rented_at) FROM stdin;
1	1	2.99	2024-01-02
2	1	4.99	2024-02-03
3	2	0.99	2024-03-04
\.


--
-- Name: customer_customer_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.customer_customer_id_seq', 2, true);


--
-- Name: rental_rental_id_seq; Type: SEQUENCE SET; Schema: public; Owner: postgres
--

SELECT pg_catalog.setval('public.rental_rental_id_seq', 3, true);


--
-- Name: customer customer_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.customer
    ADD CONSTRAINT customer_pkey PRIMARY KEY (customer_id);


--
-- Name: rental rental_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.rental
    ADD CONSTRAINT rental_pkey PRIMARY KEY (rental_id);


--
-- Name: rental rental_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.rental
    ADD CONSTRAINT rental_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id);


--
-- Name: rental_by_month; Type: MATERIALIZED VIEW DATA; Schema: public; Owner: postgres
--

REFRESH MATERIALIZED VIEW public.rental_by_month;


--
-- PostgreSQL database dump complete
--

\unrestrict VlD6DsAfvA7qzMVT3VSPSBalwIepMscpbm22ENI6ODdZPbwOBKMzE2JWz9p0ZRF

RESET search_path;
SELECT * FROM customer_list;
SELECT * FROM sales_by_customer;
SELECT * FROM rental_by_month;
INSERT INTO active_customers (first_name, last_name) VALUES ($$A$$, $$B$$);
INSERT INTO rental (customer_id, amount) VALUES (42, 1);
DELETE FROM customer WHERE customer_id = 1;
DROP TABLE rental;
\d+ customer_list
\d+ sales_by_customer
\d+ active_customers
\d+ rental_by_month
