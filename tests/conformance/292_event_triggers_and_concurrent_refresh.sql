-- Supabase dumps carry event triggers (recorded by fksim, never fired) with their owners, and
-- migrations refresh materialized views CONCURRENTLY, which PostgreSQL allows only with a
-- unique index on the view.
create function h7_placeholder() returns event_trigger language plpgsql as $$ begin end $$;
create event trigger h7_issue_placeholder on sql_drop when tag in ('DROP EXTENSION') execute function h7_placeholder();
create event trigger h7_issue_ddl on ddl_command_end execute procedure h7_placeholder();
alter event trigger h7_issue_placeholder owner to postgres;
alter event trigger h7_issue_placeholder disable;
alter event trigger h7_issue_placeholder enable;
alter event trigger h7_issue_placeholder enable replica;
alter event trigger h7_issue_placeholder enable always;
alter event trigger h7_missing owner to postgres;
alter event trigger h7_missing disable;
alter event trigger h7_issue_ddl rename to h7_issue_placeholder;
alter event trigger h7_issue_ddl rename to h7_ddl;
comment on event trigger h7_ddl is 'renamed';
drop event trigger h7_issue_ddl;
drop event trigger h7_ddl, h7_issue_placeholder;
-- A materialized view over a parent and its children.
create table teams (id int primary key, name text);
create table players (id int primary key, team_id int not null references teams);
insert into teams values (1, 'red'), (2, 'blue');
insert into players values (10, 1), (11, 1), (12, 2);
create materialized view team_sizes as select t.id, t.name, count(p.id) as players from teams t left join players p on p.team_id = t.id group by t.id, t.name;
create materialized view empty_sizes as select * from team_sizes with no data;
create view team_names as select name from teams;
refresh materialized view concurrently team_sizes;
refresh materialized view concurrently team_sizes with no data;
refresh materialized view concurrently empty_sizes;
refresh materialized view concurrently team_names;
refresh materialized view concurrently teams;
refresh materialized view concurrently no_such_view;
begin;
refresh materialized view concurrently team_sizes;
rollback;
delete from players where team_id = 2;
delete from teams where id = 2;
refresh materialized view team_sizes;
select * from team_sizes order by id;
