-- \d's Default column as pg_get_expr prints it: constants take the column's type, implicit
-- casts stay invisible.
CREATE TABLE d (
    a smallint DEFAULT 3,
    b smallint DEFAULT -1,
    c bigint DEFAULT 3000000000,
    e numeric DEFAULT 3,
    f real DEFAULT 2.5,
    g text DEFAULT 'x'::text,
    h varchar(10) DEFAULT 'y',
    i int DEFAULT '4'::int,
    j boolean DEFAULT 'true',
    k timestamptz DEFAULT timezone('utc'::text, now()),
    l date DEFAULT '2020-01-01'::date,
    m numeric(4,1) DEFAULT 1.5,
    n int DEFAULT (1+2),
    o text DEFAULT 'a'||'b',
    p int DEFAULT -5,
    q jsonb DEFAULT '{}'::jsonb,
    s uuid DEFAULT gen_random_uuid(),
    t text DEFAULT upper('q'),
    u timestamp DEFAULT now(),
    v double precision DEFAULT -2.5,
    w bigint DEFAULT 2147483648,
    x boolean DEFAULT false,
    y text DEFAULT 'it''s',
    z varchar DEFAULT 'v'::character varying
);
\d d
