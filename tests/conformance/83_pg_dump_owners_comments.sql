-- What pg_dump writes around each object: owners, comments, grants.
CREATE SCHEMA app;
ALTER SCHEMA app OWNER TO postgres;
COMMENT ON SCHEMA app IS 'Application data';

CREATE TABLE app.customer (
    customer_id integer NOT NULL,
    email text NOT NULL,
    CONSTRAINT customer_pkey PRIMARY KEY (customer_id)
);
ALTER TABLE app.customer OWNER TO postgres;
COMMENT ON TABLE app.customer IS 'People who buy';
COMMENT ON COLUMN app.customer.email IS 'Where receipts go';
COMMENT ON CONSTRAINT customer_pkey ON app.customer IS 'One row per customer';

CREATE TABLE app.invoice (
    invoice_id integer NOT NULL PRIMARY KEY,
    customer_id integer NOT NULL
);
ALTER TABLE ONLY app.invoice
    ADD CONSTRAINT invoice_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app.customer(customer_id);
ALTER TABLE app.invoice OWNER TO postgres;

CREATE FUNCTION app.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RETURN NEW;
END;
$$;
ALTER FUNCTION app.touch() OWNER TO postgres;
COMMENT ON FUNCTION app.touch() IS 'Trigger helper';

-- What fails in PostgreSQL fails the same way.
ALTER TABLE app.customer OWNER TO nobody;
ALTER TABLE app.nope OWNER TO postgres;
ALTER TABLE IF EXISTS app.nope OWNER TO postgres;
ALTER FUNCTION app.nofn() OWNER TO postgres;
ALTER SCHEMA nope OWNER TO postgres;
COMMENT ON COLUMN app.customer.phone IS 'x';
COMMENT ON CONSTRAINT nope ON app.customer IS 'x';
COMMENT ON TABLE app.nope IS 'x';
GRANT SELECT ON TABLE app.customer TO nobody;
GRANT USAGE ON TABLE app.customer TO PUBLIC;
GRANT EXECUTE ON SCHEMA app TO PUBLIC;

-- Grants to PUBLIC and their revocation, as pg_dump writes them.
REVOKE ALL ON SCHEMA app FROM PUBLIC;
GRANT USAGE ON SCHEMA app TO PUBLIC;
GRANT SELECT, REFERENCES ON TABLE app.customer TO PUBLIC;
REVOKE ALL ON TABLE app.invoice FROM PUBLIC;
GRANT ALL ON FUNCTION app.touch() TO PUBLIC;
COMMENT ON TABLE app.customer IS NULL;

-- None of it changes what the foreign key does.
INSERT INTO app.invoice VALUES (1, 7);
