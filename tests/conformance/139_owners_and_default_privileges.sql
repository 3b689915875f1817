-- Owners in \dt and \dn, default privileges in \ddp
create role c139_owner;
create role c139_app;
create schema c139_s;
create table t1 (id int);
create table c139_s.t2 (id int);
alter table t1 owner to c139_owner;
alter schema c139_s owner to c139_owner;
alter default privileges in schema public grant select on tables to c139_app;
alter default privileges for role c139_owner grant insert, update on tables to c139_app;
alter default privileges grant usage on sequences to c139_app;
alter default privileges in schema c139_s grant execute on functions to c139_app;
\dt
\dn
\ddp
\dp t1
drop table t1;
drop schema c139_s cascade;
drop owned by c139_app, c139_owner;
drop role c139_app;
drop role c139_owner;
