-- Rule actions are rewritten into ONE query joined with the original statement's rows (as
-- PostgreSQL's rewriteRuleAction does), not run once per row.
create table t(a int);
create table counter(n int);
insert into counter values (0);
-- an action that does not read NEW still joins the inserted rows: it runs once
create rule r as on insert to t do also update counter set n = n + 1;
insert into t values (1), (2), (3);
select * from counter;
insert into t select generate_series(1, 5);
select * from counter;
-- an INSERT ... SELECT returning no rows: the action joins no rows and does nothing
insert into t select 1 where false;
select * from counter;
insert into t default values;
select * from counter;
drop rule r on t;
create table log(a int);
create rule r2 as on insert to t do also insert into log values (new.a * 10);
insert into t values (7), (8);
insert into t select generate_series(20, 22);
select * from log;
drop rule r2 on t;
truncate log;
-- an aggregate over the action's own FROM, joined with the deleted rows
create rule r3 as on delete to t do also insert into log select count(*) from t;
delete from t where a > 5;
select * from log;
-- a DELETE matching nothing: the aggregate still yields one row (count over an empty join)
delete from t where a > 100;
select * from log;
-- a DELETE without WHERE whose action reads no OLD: not joined, runs once
delete from t;
select * from log;
drop rule r3 on t;
-- an UPDATE rule with a condition, as UPDATE ... FROM over the changed rows
insert into t values (1), (2), (3);
create table changes(n int);
insert into changes values (0);
create rule r4 as on update to t where new.a > old.a do also update changes set n = n + new.a;
update t set a = a + 10 where a < 3;
select * from changes;
-- UPDATE ... FROM on a table with rules
create table bump(a int, d int);
insert into bump values (11, 100), (3, -1);
update t set a = t.a + bump.d from bump where bump.a = t.a;
select * from t order by a;
select * from changes;
drop rule r4 on t;
-- the foreign-key angle: an action inserting into a referencing table checks at its end
create table parent(id int primary key);
create table child(pid int references parent);
insert into parent values (1), (2);
create table src(id int);
create rule r5 as on insert to src do also insert into child values (new.id);
insert into src values (1), (2);
insert into src values (1), (3);
select * from src;
select * from child;
-- a DELETE rule whose action removes the referencing rows first
create rule r6 as on delete to parent do also delete from child where child.pid = old.id;
delete from parent where id = 1;
select * from child;
select * from parent;
-- a rule action whose condition reads another table through a correlated subquery
drop rule r5 on src;
create rule r7 as on insert to src where exists (select 1 from parent where parent.id = new.id)
  do also insert into log values (new.id);
truncate log;
insert into src select generate_series(1, 3);
select * from log;
