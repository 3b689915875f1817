-- Statement-level triggers (FOR EACH STATEMENT, the default). The statements a foreign key's
-- actions run (ON DELETE CASCADE's DELETE, SET NULL's UPDATE) fire them too, even when they
-- change no row, once per table and event in the statement that set them off: BEFORE at the
-- first action, AFTER behind the last action's row events.
create table projects (id int primary key, name text);
create table tasks (id int primary key, project_id int references projects on delete cascade on update set null);
create table comments (id int primary key, task_id int references tasks on delete set null);
create function log_trigger() returns trigger language plpgsql as $$
begin
  raise notice '% % % % on % new=% old=%', tg_name, tg_when, tg_level, tg_op, tg_table_name, new, old;
  return null;
end $$;
create trigger tasks_after_stmt after delete or update on tasks execute function log_trigger();
create trigger tasks_before_stmt before delete or update on tasks for each statement execute procedure log_trigger();
create trigger tasks_row after delete on tasks for each row execute function log_trigger();
create trigger comments_before before update on comments for statement execute function log_trigger();
create trigger comments_after after update on comments execute function log_trigger();
create trigger projects_stmt after delete on projects for each statement execute function log_trigger();
create trigger projects_ins before insert on projects execute function log_trigger();
\d tasks
select tgname, tgtype, tgenabled from pg_trigger where not tgisinternal order by tgname;
insert into projects values (1, 'alpha'), (2, 'beta'), (3, 'gamma'), (4, 'empty');
insert into projects select 9, 'none' where false;
insert into tasks values (10, 1), (11, 2), (12, 2), (13, 3);
insert into comments values (100, 11), (101, 13);
-- A cascade that finds nothing to delete still runs its statement.
delete from projects where id = 4;
-- No row matched: the statement triggers of projects fire, no action runs.
delete from projects where id = 42;
-- Three parents: one BEFORE and one AFTER on tasks, and on comments for SET NULL.
delete from projects;
select * from tasks;
select * from comments;
-- ON UPDATE SET NULL runs an UPDATE on tasks.
insert into projects values (5, 'delta');
insert into tasks values (14, 5);
update projects set id = 50 where id = 5;
select * from tasks;
-- A statement trigger that raises stops the statement, the action included.
create function refuse() returns trigger language plpgsql as $$
begin raise exception 'no deletes on % (%)', tg_table_name, tg_level; end $$;
create trigger tasks_guard before delete on tasks execute function refuse();
insert into projects values (6, 'epsilon');
insert into tasks values (15, 6);
delete from projects where id = 6;
select count(*) from tasks where id = 15;
alter table tasks disable trigger tasks_guard;
delete from projects where id = 6;
select count(*) from tasks where id = 15;
\d tasks
drop trigger tasks_after_stmt on tasks;
delete from tasks;
