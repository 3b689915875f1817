-- HASH partitioning routes each row by PostgreSQL's extended hash of its key
-- (seeded, columns combined), so the same rows land in the same partitions.
create table hi (a int) partition by hash (a);
create table hi0 partition of hi for values with (modulus 4, remainder 0);
create table hi1 partition of hi for values with (modulus 4, remainder 1);
create table hi2 partition of hi for values with (modulus 4, remainder 2);
create table hi3 partition of hi for values with (modulus 4, remainder 3);
insert into hi select g from generate_series(-500, 500) g;
-- NULL keys hash to 0: remainder 0
insert into hi values (null);
select tableoid::regclass, count(*), sum(a), count(a) from hi group by tableoid order by 1;
select * from hi2 where a between 1 and 20;
-- two key columns, bigint and text
create table hb (a bigint, t text) partition by hash (a, t);
create table hb0 partition of hb for values with (modulus 3, remainder 0);
create table hb1 partition of hb for values with (modulus 3, remainder 1);
create table hb2 partition of hb for values with (modulus 3, remainder 2);
insert into hb select g * 3000000001, 'x' || g from generate_series(-300, 300) g;
insert into hb values (null, 'a'), (5, null), (null, null);
select tableoid::regclass, count(*), sum(a), max(t) from hb group by tableoid order by 1;
-- text keys, partitions of different moduli
create table ht (t text, v varchar(10), c char(4)) partition by hash (t);
create table ht0 partition of ht for values with (modulus 2, remainder 0);
create table ht1 partition of ht for values with (modulus 4, remainder 1);
create table ht3 partition of ht for values with (modulus 4, remainder 3);
insert into ht select md5(g::text) from generate_series(1, 1000) g;
select tableoid::regclass, count(*), min(t) from ht group by tableoid order by 1;
-- other key types
create table hv (v varchar(10), c char(4), d date, s smallint, b boolean)
  partition by hash (v, c, d, s, b);
create table hv0 partition of hv for values with (modulus 2, remainder 0);
create table hv1 partition of hv for values with (modulus 2, remainder 1);
insert into hv select 'v' || g, 'c' || (g % 7), date '2024-01-01' + g, g, g % 3 = 0
  from generate_series(1, 200) g;
select tableoid::regclass, count(*), sum(s) from hv group by tableoid order by 1;
-- an UPDATE of the key moves the row to its new partition
update hi set a = a + 1 where a = 7;
select tableoid::regclass, a from hi where a in (7, 8) order by a;
-- the partition is checked when written directly
insert into hi1 values (1);
select tableoid::regclass, a from hi where a = 1;
-- numeric keys: 1.0 and 1 hash alike
create table hn (n numeric) partition by hash (n);
create table hn0 partition of hn for values with (modulus 3, remainder 0);
create table hn1 partition of hn for values with (modulus 3, remainder 1);
create table hn2 partition of hn for values with (modulus 3, remainder 2);
insert into hn select g / 8.0 from generate_series(-200, 200) g;
insert into hn values (1), (1.0), (1.00), (0), (0.000), (123456789.000123);
select tableoid::regclass, count(*), sum(n) from hn group by tableoid order by 1;
select tableoid::regclass, n from hn where n in (0, 1, 123456789.000123) order by n;
