-- A foreign key referencing a hash-partitioned table: checked against the partition
-- each key hashes to; deletes refused, cascaded and set null through the partitions.
create table acct (id int primary key, name text) partition by hash (id);
create table acct0 partition of acct for values with (modulus 3, remainder 0);
create table acct1 partition of acct for values with (modulus 3, remainder 1);
create table acct2 partition of acct for values with (modulus 3, remainder 2);
insert into acct select g, 'a' || g from generate_series(1, 12) g;
create table ord (id int primary key, acct_id int references acct);
insert into ord select g, g from generate_series(1, 10) g;
insert into ord values (11, 99);
-- a delete of a referenced row is refused, whichever partition holds it
delete from acct where id = 3;
delete from acct1 where id = 4;
delete from acct where id > 10;
select tableoid::regclass, id from acct order by id;
-- an update of the referenced key is refused too
update acct set id = 100 where id = 5;
create table pay (id int primary key, acct_id int references acct on delete cascade on update cascade);
insert into pay values (1, 11), (2, 12), (3, 12);
delete from acct where id = 12;
update acct set id = 111 where id = 11;
select * from pay order by id;
select tableoid::regclass, id from acct where id > 10 order by id;
create table note (id int, acct_id int references acct on delete set null);
insert into note values (1, 111);
delete from acct where id = 111;
select * from note;
\d acct
