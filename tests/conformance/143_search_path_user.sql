-- "$user" in search_path is the role SET ROLE chose
create role c143_app;
create schema c143_app;
create table c143_app.things (id int);
create table public.things (id int, label text);
grant usage on schema c143_app to c143_app;
grant select on c143_app.things, public.things to c143_app;
select * from things;
set role c143_app;
select * from things;
reset role;
select * from things;
drop schema c143_app cascade;
drop table public.things;
drop role c143_app;
