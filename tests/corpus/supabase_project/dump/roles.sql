--
-- PostgreSQL database cluster dump
--

\restrict NJlSeqFZDiCrT2cfybZjiUrxmvXLkfj3Sx3L1MTQCLbgM0jXQWxcwCoBeesqoV7

SET default_transaction_read_only = off;

SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

--
-- Roles
--

CREATE ROLE anon;
ALTER ROLE anon WITH NOSUPERUSER NOINHERIT NOCREATEROLE NOCREATEDB NOLOGIN NOREPLICATION NOBYPASSRLS;
CREATE ROLE authenticated;
ALTER ROLE authenticated WITH NOSUPERUSER NOINHERIT NOCREATEROLE NOCREATEDB NOLOGIN NOREPLICATION NOBYPASSRLS;
CREATE ROLE service_role;
ALTER ROLE service_role WITH NOSUPERUSER NOINHERIT NOCREATEROLE NOCREATEDB NOLOGIN NOREPLICATION BYPASSRLS;

--
-- User Configurations
--






\unrestrict NJlSeqFZDiCrT2cfybZjiUrxmvXLkfj3Sx3L1MTQCLbgM0jXQWxcwCoBeesqoV7

--
-- PostgreSQL database cluster dump complete
--

