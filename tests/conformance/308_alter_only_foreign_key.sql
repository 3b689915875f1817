-- ALTER TABLE ONLY ... ADD FOREIGN KEY: refused on a partitioned table, allowed elsewhere.
create table pk (a int primary key);
create table hp (a int primary key, b int) partition by hash (a);
create table hp0 partition of hp for values with (modulus 1, remainder 0);
create table lp (a int) partition by list (a);
create table plain (x int);
alter table only hp add foreign key (b) references pk;
alter table only hp add constraint hp_b_fk foreign key (b) references hp (a);
alter table only lp add foreign key (a) references pk (a);
alter table only lp add foreign key (a) references nosuch (a);
alter table only lp add foreign key (a) references pk (zz);
alter table only lp add constraint c1 check (a > 0), add foreign key (a) references pk;
-- not on a plain table, nor on a partition
alter table only plain add foreign key (x) references hp;
alter table only hp0 add foreign key (b) references pk;
-- without ONLY, the partitioned table takes it
alter table hp add foreign key (b) references pk;
\d hp0
