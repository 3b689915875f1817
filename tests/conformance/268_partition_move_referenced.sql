-- An UPDATE that moves a referenced row to another partition: PostgreSQL 15 does the
-- referenced side's work as one update of the table the statement updates (the root), under
-- the root's constraint name, not as a delete from the old partition.
create table pk (a int primary key) partition by range (a);
create table pk_neg partition of pk for values from (minvalue) to (1);
create table pk_pos partition of pk for values from (1) to (maxvalue);
create table deferred_fk (a int references pk deferrable initially deferred);
create table cascade_fk (a int references pk on update cascade);
insert into pk values (-2), (-1), (0);
insert into deferred_fk values (-2);
insert into cascade_fk values (-1);
begin;
update pk set a = a * -1;
select * from cascade_fk;
commit;
select * from pk order by a;
-- the key comes back before COMMIT: nothing is missing then
begin;
update pk set a = a * -1 where a = -2;
insert into pk values (-2);
commit;
select * from pk order by a;
select * from deferred_fk;
-- a key pointing into a partition between the row's partition and the root cannot follow
create table mid (a int primary key) partition by list (a);
create table mid_12 partition of mid for values in (1, 2) partition by list (a);
create table mid_1 partition of mid_12 for values in (1);
create table mid_2 partition of mid_12 for values in (2);
create table mid_3 partition of mid for values in (3);
create table to_mid (a int references mid_12 on update cascade);
insert into mid values (1);
insert into to_mid values (1);
update mid set a = 3 where a = 1;
update mid set a = 2 where a = 1;
update mid_12 set a = 2 where a = 1;
select * from to_mid;
-- a key pointing at the leaf itself sees the row leave it
create table to_leaf (a int references mid_2 on delete cascade);
insert into to_leaf values (2);
delete from mid_3;
update mid set a = 3 where a = 2;
select * from to_leaf;
