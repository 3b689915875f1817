-- ATTACH PARTITION with a hash bound: the rows must hash to it; overlap and modulus checks
-- count the attached table; more key types route as PostgreSQL's hashes do.
create table ev (id uuid, at timestamp, w float8, r real) partition by hash (id, at, w, r);
create table ev0 partition of ev for values with (modulus 2, remainder 0);
create table ev1 (id uuid, at timestamp, w float8, r real);
insert into ev1 values ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-01-02 03:04:05', 1.5, 0);
insert into ev1 values ('00000000-0000-0000-0000-000000000001', '2020-02-29', 0, -2.5);
alter table ev attach partition ev1 for values with (modulus 2, remainder 1);
delete from ev1;
alter table ev attach partition ev1 for values with (modulus 3, remainder 1);
alter table ev attach partition ev1 for values with (modulus 2, remainder 0);
alter table ev attach partition ev1 for values with (modulus 2, remainder 1);
insert into ev select ('00000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid,
  timestamp '2024-01-01' + (g || ' hours')::interval, g / 4.0, g / 2.0
  from generate_series(1, 100) g;
insert into ev values ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-01-02 03:04:05', 1.5, 0);
select tableoid::regclass, count(*), sum(w) from ev group by tableoid order by 1;
alter table ev detach partition ev0;
insert into ev values ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-01-02 03:04:05', 1.5, 0);
\d ev
-- a referenced hash partition cannot be detached while rows reference it
create table k (a int primary key) partition by hash (a);
create table k0 partition of k for values with (modulus 2, remainder 0);
create table k1 partition of k for values with (modulus 2, remainder 1);
insert into k select generate_series(1, 10);
create table kr (a int references k);
insert into kr values (1), (2);
alter table k detach partition k0;
alter table k detach partition k1;
