-- User functions called once per row: LATERAL, CROSS JOIN, LEFT JOIN LATERAL, in a select
-- list (alone, and two in lockstep), over a self-referencing key.
create table employees (
  id int primary key,
  name text not null,
  manager_id int references employees on delete cascade
);
insert into employees values (1, 'ada', null), (2, 'bo', 1), (3, 'cy', 1), (4, 'di', 2), (5, 'ed', 4), (6, 'fay', 3);
-- The direct reports of one employee: a set of rows of the table's type.
create function reports(m int) returns setof employees language sql stable as $$
  select * from employees where manager_id = m order by id
$$;
-- The chain of managers above one employee, walking the key upwards.
create function chain(e int) returns table (depth int, manager text) language sql stable as $$
  with recursive up(depth, id) as (
    select 1, manager_id from employees where id = e
    union all
    select up.depth + 1, m.manager_id from up join employees m on m.id = up.id where m.manager_id is not null
  )
  select up.depth, m.name from up join employees m on m.id = up.id order by up.depth
$$;
-- A PL/pgSQL count of everyone below one employee.
create function headcount(m int) returns int language plpgsql as $$
declare n int := 0; r record;
begin
  for r in select id from employees where manager_id = m loop
    n := n + 1 + headcount(r.id);
  end loop;
  return n;
end $$;
select e.name, r.name as report from employees e, lateral reports(e.id) r;
select e.name, r.name as report from employees e cross join reports(e.id) r;
select e.name, r.name as report from employees e left join lateral reports(e.id) r on true order by e.id, r.id;
select e.name, c.depth, c.manager from employees e, chain(e.id) c where e.id >= 4;
select e.name, h from employees e, headcount(e.id) h;
select e.name, h.n from employees e, headcount(e.id) as h(n) where h.n > 0;
-- In the select list: a row for each row the function returns; none for none.
select name, reports(id) from employees;
select name, chain(id) from employees where id in (5, 6);
-- Two calls in one select list run in lockstep, the shorter padded with NULLs.
create function names_below(m int) returns setof text language sql stable as $$
  select name from employees where manager_id = m order by name
$$;
create function ids_below(m int) returns setof int language sql stable as $$
  select id from employees where manager_id = m order by id desc
$$;
select id, names_below(id), ids_below(id) from employees;
select id, names_below(id), ids_below(1) from employees where id <= 2;
-- The same calls in a WITH query's FROM.
with top as (select id from employees where manager_id is null)
select t.id, r.id as report, r.name from top t, reports(t.id) r;
-- A cascade through the self-reference, and the functions again.
delete from employees where id = 2;
select e.name, r.name as report from employees e, lateral reports(e.id) r;
select e.name, h from employees e, headcount(e.id) h;
insert into employees values (7, 'gil', 2);
