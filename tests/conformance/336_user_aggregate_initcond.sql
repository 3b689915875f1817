-- CREATE AGGREGATE with INITCOND, FINALFUNC and ORDER BY inside the call, the old-style
-- BASETYPE form, and a non-strict transition function that sees NULLs.
create table teams (id int primary key, name text not null);
create table players (
    id int primary key,
    team_id int references teams,
    name text
);
insert into teams values (1, 'red'), (2, 'blue'), (3, 'green');
insert into players values (1, 1, 'ada'), (2, 1, 'bo'), (3, 2, 'cam'), (4, 2, null), (5, null, 'dee');
create function join_name(text, text) returns text language sql strict
    as $$ select case when $1 = '' then $2 else $1 || '+' || $2 end $$;
create function bracket(text) returns text language sql as $$ select '[' || $1 || ']' $$;
create aggregate roster(text) (sfunc = join_name, stype = text, initcond = '', finalfunc = bracket);
select t.name, roster(p.name order by p.name desc)
from teams t left join players p on p.team_id = t.id
group by t.name order by t.name;
create function count_all(int, int) returns int language sql
    as 'select $1 + 1';
create aggregate rows_seen (basetype = int, sfunc = count_all, stype = int, initcond = '0');
select team_id, rows_seen(id), rows_seen(team_id) from players group by team_id order by team_id;
select rows_seen(id) from players where false;
drop aggregate rows_seen(int);
select rows_seen(id) from players;
