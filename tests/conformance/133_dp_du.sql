-- \dp (access privileges and policies) and \du (roles) as psql prints them
create role c133_reader;
create role c133_writer login;
create role c133_admin createdb createrole;
grant c133_reader to c133_writer;
create table t1 (id int primary key, v text);
create table t2 (id int);
create sequence s1;
grant select on t1 to c133_reader;
grant select, insert, update, delete on t1 to c133_writer with grant option;
grant all on t2 to public;
grant usage on sequence s1 to c133_reader;
alter table t1 enable row level security;
create policy p1 on t1 for select to c133_reader using (id > 0);
create policy p2 on t1 as restrictive for insert to c133_writer, c133_reader with check (v <> '');
\dp
\dp t1
\du c133*
drop table t1, t2;
drop sequence s1;
drop role c133_writer;
drop role c133_reader;
drop role c133_admin;
