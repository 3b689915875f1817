-- A PL/pgSQL body is parsed at CREATE FUNCTION: a syntax error points into the body,
-- inside the CREATE statement, as psql shows it.
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent);
CREATE FUNCTION audit_child() RETURNS trigger LANGUAGE plpgsql AS $$
begin
  retrun new;
end $$;
CREATE FUNCTION audit_child() RETURNS trigger LANGUAGE plpgsql AS $fn$
begin
  if new.parent_id is null then
    raise exception 'orphan';
  end if
  return new;
end $fn$;
CREATE FUNCTION check_parent() RETURNS trigger LANGUAGE plpgsql AS '
begin
  perform 1 from parent where id = new.parent_id;
  return new
end';
DO $$ begin delete from parent where id = ; end $$;
DO $$ begin foo bar; end $$;
DO $$
declare
  n int := ;
begin
  null;
end $$;
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES (1, 2);
SELECT count(*) FROM child;
