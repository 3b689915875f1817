-- What a role that does not own a table may not do to it: TRUNCATE and CREATE TRIGGER need
-- their privileges, CREATE INDEX, ALTER TABLE and DROP TABLE its ownership
create role c141_r;
create table t (id int);
grant select on t to c141_r;
create function tf() returns trigger language plpgsql as $$ begin return new; end $$;
set role c141_r;
truncate t;
create index on t (id);
create trigger tt before insert on t for each row execute function tf();
alter table t add column x int;
drop table t;
select * from t;
reset role;
grant truncate, trigger on t to c141_r;
set role c141_r;
truncate t;
create trigger tt before insert on t for each row execute function tf();
reset role;
drop table t;
drop function tf();
drop role c141_r;
