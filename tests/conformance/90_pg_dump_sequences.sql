-- Sequences as pg_dump writes them: CREATE SEQUENCE, OWNED BY, nextval defaults, setval.
SET default_tablespace = '';
CREATE TABLE public.items (
    id integer NOT NULL,
    name text
);
CREATE SEQUENCE public.items_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.items_id_seq OWNED BY public.items.id;
ALTER TABLE ONLY public.items ALTER COLUMN id SET DEFAULT nextval('public.items_id_seq'::regclass);
CREATE TABLE public.orders (
    id bigint DEFAULT nextval('public.orders_id_seq'::regclass) NOT NULL,
    item_id integer
);
CREATE SEQUENCE IF NOT EXISTS public.orders_id_seq START WITH 100 INCREMENT BY 10;
CREATE TABLE public.orders (
    id bigint DEFAULT nextval('public.orders_id_seq'::regclass) NOT NULL,
    item_id integer
);
INSERT INTO public.items (id, name) VALUES (1, 'one'), (2, 'two');
SELECT pg_catalog.setval('public.items_id_seq', 2, true);
INSERT INTO public.items (name) VALUES ('three') RETURNING id;
INSERT INTO public.orders (item_id) VALUES (1), (3) RETURNING id, item_id;
SELECT currval('public.orders_id_seq');
SELECT nextval('orders_id_seq'), nextval('orders_id_seq');
SELECT setval('orders_id_seq', 5, false);
SELECT nextval('orders_id_seq');
\d items
\d orders
-- currval before nextval in this session
CREATE SEQUENCE small_seq AS smallint MINVALUE 1 MAXVALUE 3 NO CYCLE;
SELECT currval('small_seq');
SELECT nextval('small_seq');
SELECT nextval('small_seq');
SELECT nextval('small_seq');
SELECT nextval('small_seq');
SELECT setval('small_seq', 9);
CREATE SEQUENCE cyc START WITH 2 MINVALUE 1 MAXVALUE 2 CYCLE;
SELECT nextval('cyc'), nextval('cyc'), nextval('cyc');
CREATE SEQUENCE small_seq;
CREATE SEQUENCE IF NOT EXISTS small_seq;
ALTER SEQUENCE small_seq RESTART WITH 2;
SELECT nextval('small_seq');
DROP SEQUENCE small_seq, cyc;
DROP SEQUENCE small_seq;
DROP SEQUENCE IF EXISTS small_seq;
DROP TABLE items;
CREATE SEQUENCE public.items_id_seq;
SELECT nextval('public.items_id_seq');
