-- The checks of FOR VALUES WITH (MODULUS m, REMAINDER r), and how \d shows hash partitions.
create table hp (a int primary key, b text) partition by hash (a);
create table hp0 partition of hp for values with (modulus 4, remainder 0);
create table hpx partition of hp for values with (modulus 0, remainder 0);
create table hpx partition of hp for values with (modulus 4, remainder 4);
create table hpx partition of hp for values with (modulus 3, remainder 1);
create table hpx partition of hp for values with (modulus 6, remainder 0);
create table hpx partition of hp for values with (modulus 4, remainder 0);
create table hpx partition of hp for values with (modulus 8, remainder 0);
create table hpx partition of hp for values with (modulus 2, remainder 0);
create table hpx partition of hp default;
create table hpx partition of hp for values in (1);
create table hpx partition of hp for values from (1) to (2);
create table lp (a int) partition by list (a);
create table lpx partition of lp for values with (modulus 2, remainder 0);
create table hp1 partition of hp for values with (modulus 4, remainder 1);
create table hp2 partition of hp for values with (modulus 8, remainder 2);
create table hp3 partition of hp for values with (modulus 2, remainder 1);
create table hp6 partition of hp for values with (modulus 8, remainder 6);
create table hp7 partition of hp for values with (modulus 16, remainder 3);
-- rows of no partition
insert into hp select g, g::text from generate_series(1, 20) g;
insert into hp values (1, 'one');
insert into hp values (null, 'x');
select tableoid::regclass, a from hp order by a;
\d hp
\d hp0
\d hp7
create table hq (a int) partition by hash (a, nosuch);
create table hr (a int) partition by hash (a);
select * from hr;
insert into hr values (1);
