-- SQL-standard function bodies (RETURN expr, BEGIN ATOMIC ... END) as newer pg_dump output
-- writes them, fields of a returned row, and set-returning calls feeding DML on keyed tables.
create table teams (id int primary key, name text not null unique);
create table members (
  id int primary key,
  team_id int references teams on delete set null,
  email text not null,
  active boolean not null default true
);
insert into teams values (1, 'core'), (2, 'docs');
insert into members values (1, 1, 'ann@x.io', true), (2, 1, 'bob@x.io', false), (3, 2, 'cy@x.io', true);

create function public.normalize_email(e text) returns text
    language sql immutable
    return lower(trim(e));

create function public.team_size(p_team integer) returns bigint
    language sql stable
begin atomic
 select count(*) from public.members where team_id = p_team and active;
end;

create function public.inactive_members() returns setof integer
    language sql stable
begin atomic
 select id from public.members where not active order by id;
end;

create function public.team_stats(p_team integer, out team_name text, out active_count bigint)
    language sql stable
begin atomic
 select t.name, (select count(*) from public.members m where m.team_id = t.id and m.active)
   from public.teams t where t.id = p_team;
end;

create function public.rename_team(p_team integer, p_name text) returns text
    language sql
begin atomic
 update public.teams set name = p_name where id = p_team;
 select name from public.teams where id = p_team;
end;

select normalize_email('  Ann@X.io ');
select team_size(1), team_size(2), team_size(3);
select * from inactive_members();
select (team_stats(1)).team_name, (team_stats(1)).active_count;
select team_stats(2);
select rename_team(2, 'handbook');
select * from teams order by id;
-- set-returning calls feed DML
delete from members where id in (select * from inactive_members());
insert into members (id, team_id, email)
  select 10 + s, s, normalize_email('NEW' || s || '@X.IO') from inactive_members() s;
insert into members (id, team_id, email)
  select 20 + g, 5, 'nobody@x.io' from team_stats(1) t, (select 1 as g) one;
select * from members order by id;
\df normalize_email
\df team_stats
