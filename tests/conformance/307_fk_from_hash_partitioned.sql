-- A hash-partitioned table with a foreign key: every partition gets it, rows are checked
-- wherever they land, and a partition written directly is checked too.
create table cust (id int primary key);
insert into cust values (1), (2), (3);
create table inv (id int, cust_id int references cust on delete cascade)
  partition by hash (id);
create table inv0 partition of inv for values with (modulus 2, remainder 0);
create table inv1 partition of inv for values with (modulus 2, remainder 1);
insert into inv select g, 1 + g % 3 from generate_series(1, 12) g;
insert into inv values (13, 4);
insert into inv1 values (14, 5);
\d inv0
select tableoid::regclass, count(*) from inv group by tableoid order by 1;
delete from cust where id = 2;
select tableoid::regclass, id, cust_id from inv order by id;
-- a partition attached later gets the key too
create table inv_new (id int, cust_id int);
alter table inv detach partition inv1;
insert into inv1 values (99, 3);
alter table inv attach partition inv1 for values with (modulus 2, remainder 1);
\d inv1
-- a hash partitioned table referencing a hash partitioned table
create table hparent (k int primary key) partition by hash (k);
create table hparent0 partition of hparent for values with (modulus 2, remainder 0);
create table hparent1 partition of hparent for values with (modulus 2, remainder 1);
insert into hparent select generate_series(1, 6);
create table hchild (k int references hparent) partition by hash (k);
create table hchild0 partition of hchild for values with (modulus 2, remainder 0);
create table hchild1 partition of hchild for values with (modulus 2, remainder 1);
insert into hchild select generate_series(1, 6);
insert into hchild values (7);
delete from hparent where k = 4;
select tableoid::regclass, k from hchild order by k;
