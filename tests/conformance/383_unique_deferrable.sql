-- UNIQUE / PRIMARY KEY ... DEFERRABLE: recorded, shown by \d and the catalogs, and refused
-- where PostgreSQL refuses a deferrable key (ON CONFLICT arbiter, referenced key).
create table t (id int unique deferrable, v int);
create table t2 (id int, constraint t2_pk primary key (id) deferrable initially deferred);
create table t3 (a int, b int, unique (a, b) deferrable initially immediate);
create table t4 (id int primary key initially deferred, c int unique not deferrable);
create table t5 (id int unique not deferrable initially deferred);
create table t6 (id int);
alter table t6 add constraint t6_id_key unique (id) deferrable initially deferred;
\d t
\d t2
\d t3
\d t4
\d t6
select conrelid::regclass, conname, contype, condeferrable, condeferred,
       pg_get_constraintdef(oid)
  from pg_constraint
 where conrelid in ('t'::regclass, 't2'::regclass, 't3'::regclass, 't4'::regclass,
                    't6'::regclass)
 order by conname;
insert into t values (1, 1), (2, 2);
insert into t values (1, 3);
insert into t values (7, 7) on conflict (id) do nothing;
insert into t values (7, 7) on conflict do nothing;
insert into t values (8, 8) on conflict on constraint t_id_key do update set v = 0;
insert into t select 9, 9 where false on conflict (id) do nothing;
select * from t order by id;
create table r (x int references t (id));
create table r2 (x int references t2);
create table r3 (x int references t4);
create table r4 (x int references t4 (c));
alter table t3 alter constraint t3_a_b_key not deferrable;
begin;
set constraints t3_a_b_key immediate;
set constraints t4_c_key deferred;
rollback;
begin;
insert into t2 values (1), (2);
commit;
select * from t2 order by id;
