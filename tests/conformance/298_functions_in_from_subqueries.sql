-- User functions called inside FROM subqueries and WITH queries (each runs as a query of its
-- own), and current_user read there: what a policy or a security_invoker view puts inside.
create function one() returns int language sql stable as $$ select 1 $$;
create function double_it(x int) returns int language sql immutable as $$ select x * 2 $$;
create table parent (id int primary key);
create table child (id int primary key, parent_id int references parent);
insert into parent values (1), (2);
insert into child values (10, 1), (20, 2);
select * from (select one()) s;
select * from (select one() as x, double_it(21)) s;
select * from (select id from child where parent_id = one()) s;
select * from (select id from child where parent_id = (select one())) s;
select * from (select * from (select double_it(id) as d from parent) inner_s) outer_s order by d;
with w as (select double_it(id) as d from child) select * from w order by d;
select c.id, p.id from child c join (select id from parent where id = one()) p on p.id = c.parent_id;
select * from (select current_user as me) s;
create role f_reader;
grant select on parent to f_reader;
set role f_reader;
select * from (select current_user as me, id from parent) s order by id;
reset role;
drop owned by f_reader;
drop role f_reader;
