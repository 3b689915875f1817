-- Enum types as pg_dump and Supabase migrations write them.
CREATE TYPE public.order_status AS ENUM (
    'pending',
    'paid',
    'shipped',
    'cancelled'
);
CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE public.orders (
    id integer NOT NULL,
    status public.order_status DEFAULT 'pending'::public.order_status NOT NULL,
    mood mood
);
INSERT INTO public.orders (id, status, mood) VALUES (1, 'paid', 'happy'), (2, 'shipped', 'sad');
INSERT INTO public.orders (id) VALUES (3);
INSERT INTO public.orders (id, status) VALUES (4, 'lost');
INSERT INTO public.orders (id, mood) VALUES (5, 'Happy');
SELECT * FROM public.orders ORDER BY status;
SELECT id, status FROM public.orders WHERE status > 'paid' ORDER BY id;
SELECT id FROM public.orders WHERE mood = 'happy';
SELECT max(status) AS latest, min(status) AS earliest FROM public.orders;
SELECT 'ok'::mood < 'happy'::mood AS ordered, 'sad'::mood::text AS label;
SELECT 'meh'::mood;
UPDATE public.orders SET status = 'cancelled' WHERE id = 3 RETURNING id, status;
\d orders
CREATE TYPE public.mood AS ENUM ('x');
DROP TYPE IF EXISTS public.nothing;
CREATE TYPE public.unused AS ENUM ();
DROP TYPE public.unused;
CREATE TABLE public.moods (m public.mood REFERENCES public.orders(id));
CREATE TABLE public.moods (m public.mood PRIMARY KEY);
INSERT INTO public.moods VALUES ('ok'), ('ok');
DROP TYPE public.mood;
