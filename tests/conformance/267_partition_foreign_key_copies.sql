-- A partitioned table's foreign key and the partitions' copies of it: a partition's own equal
-- key is taken over (and keeps its name), copies cannot be dropped or altered on their own,
-- and the copies follow ALTER CONSTRAINT on the constraint they come from.
create table parent (a int primary key);
create table child (a int) partition by list (a);
create table child_1 partition of child (constraint mine foreign key (a) references parent) for values in (1);
create table child_2 (a int, constraint other foreign key (a) references parent on delete cascade);
alter table child attach partition child_2 for values in (2);
alter table child add foreign key (a) references parent;
\d child_1
\d child_2
select conrelid::regclass as tbl, conname, condeferrable
from pg_constraint where contype = 'f' order by 1, 2;
alter table child_1 drop constraint mine;
alter table child_1 drop constraint child_a_fkey;
alter table child_1 alter constraint mine deferrable;
alter table child alter constraint child_a_fkey deferrable initially deferred;
select conrelid::regclass as tbl, conname, condeferrable, condeferred
from pg_constraint where contype = 'f' order by 1, 2;
begin;
insert into child values (1);
insert into parent values (1);
commit;
-- NOT VALID is not possible on a partitioned table in PostgreSQL 15
alter table child add constraint later foreign key (a) references parent not valid;
-- with a row event pending on a partition, the constraint cannot go
begin;
insert into child values (1);
alter table child drop constraint child_a_fkey;
rollback;
-- a table the partitioned table's key references cannot become its partition
create table target (a int primary key);
create table holder (a int references target) partition by list (a);
alter table holder attach partition target for values in (1);
alter table holder attach partition missing for values in (2);
alter table holder detach partition missing;
-- ON DELETE SET DEFAULT writes the partitioned table's defaults into a partition's rows
create table pk2 (a int primary key);
insert into pk2 values (1), (2);
create table fk2 (a int default 2 references pk2 on delete set default) partition by list (a);
create table fk2_all (a int);
alter table fk2 attach partition fk2_all for values in (1, 2, 3);
insert into fk2 values (1);
delete from pk2 where a = 1;
select * from fk2;
delete from pk2 where a = 2;
