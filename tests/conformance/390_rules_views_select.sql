-- Rules: a relation's rules go with DROP VIEW / DROP TABLE; a rule writing a table is its
-- dependent (DROP ... CASCADE); subqueries in a rule's WHERE and actions as pg_get_ruledef
-- prints them; CREATE OR REPLACE RULE; ON SELECT rules ("_RETURN": a table becomes a view).
create table p (id int primary key);
create table c (id int primary key, pid int references p);
create table log (op text, id int);
create view v as select * from c;
create rule r_ins as on insert to v do instead insert into c values (new.id, new.pid);
create rule r_del as on delete to v do instead (delete from c where id = old.id; delete from c where pid = old.id);
create rule r_log as on insert to c where new.pid in (select id from p where id > 1) do also insert into log values ('ins', (select max(id) from p));
\d c
\d v
\d+ v
select rulename, definition from pg_rules where schemaname = 'public' order by 1;
create or replace rule r_log as on insert to c where exists (select 1 from p where p.id = new.pid) do also insert into log select 'x', id from p where id = new.pid;
\d c
select rulename, definition from pg_rules where schemaname = 'public' order by 1;
insert into p values (1), (2);
insert into v values (1, 2);
-- the foreign key still checks the row the rule inserts
insert into v values (2, 3);
select * from log;
delete from v where id = 1;
select * from c;
create rule r1 as on insert to p where not exists (select 1 from log where log.id = new.id) do also insert into log values ('a', new.id);
create rule r2 as on update to p where new.id not in (select id from log) do also insert into log select 'u', count(*) from log;
create rule r3 as on delete to p do also delete from log where id = (select min(id) + old.id from log);
\d p
select rulename, definition from pg_rules where tablename = 'p' order by 1;
drop table log;
drop table log cascade;
\d p
\d c
drop view v;
select rulename from pg_rules where schemaname = 'public' order by 1;
drop table c;
select rulename from pg_rules where schemaname = 'public' order by 1;
-- ON SELECT rules
create table t1 (id int);
insert into t1 values (1);
create rule "_RETURN" as on select to t1 do instead select 1 as id;
create rule "_RETURN" as on select to p do instead select 1 as id;
create rule r5 as on select to p do instead select 1 as id;
create table t2 (id int, name text);
create rule "_RETURN" as on select to t2 do instead select 1 as id;
create rule "_RETURN" as on select to t2 do instead select 1 as id, 'a' as nm;
create rule "_RETURN" as on select to t2 do instead select 1 as id, 2 as name;
create rule "_RETURN" as on select to t2 do instead select 1 as id, 'a'::text as name, 3 as x;
create rule "_RETURN" as on select to t2 do also select 1 as id, 'a'::text as name;
create rule "_RETURN" as on select to t2 do instead select 1 as id, 'a'::text as name;
create table t3 (pid int references p);
create rule "_RETURN" as on select to t3 do instead select 1 as pid;
create table t5 (id int);
create rule "_RETURN" as on select to t5 where true do instead select 1 as id;
create rule "_RETURN" as on select to t5 do instead select id from p;
\d+ t5
select * from t5;
\dv
create rule "_RETURN" as on select to t5 do instead select id from p;
create rule "_RETt5" as on select to t5 do instead select id from p;
create or replace rule "_RETURN" as on select to t5 do instead select id + 1 as id from p;
select * from t5;
-- a foreign key cannot reference what is now a view
create table c2 (x int references t5);
drop table t5;
drop view t5;
