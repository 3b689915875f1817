-- Privileges for a role: ALTER DEFAULT PRIVILEGES at CREATE TABLE (tables and their sequences),
-- nextval's sequence check, CREATE on public
create role c135_app;
create table ser_before (id serial primary key);
grant insert on ser_before to c135_app;
alter default privileges in schema public grant select, insert on tables to c135_app;
alter default privileges in schema public grant usage on sequences to c135_app;
create table ser (id serial primary key, v text);
create table ident (id int generated always as identity primary key, v text);
create table plain (id int primary key, v text);
revoke insert on plain from c135_app;
\dp
set role c135_app;
insert into ser_before default values;
insert into ser (v) values ('a') returning id;
insert into ident (v) values ('b') returning id;
insert into plain values (1, 'c');
update plain set v = 'd';
delete from ser;
select * from ser;
select * from plain;
create table mine (id int);
insert into mine values (1);
drop table mine;
drop table plain;
reset role;
drop table ser, ident, plain, ser_before;
drop owned by c135_app;
drop role c135_app;
