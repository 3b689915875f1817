-- ALTER TABLE ... SET SCHEMA takes the sequences of its serial and identity columns along;
-- ALTER SEQUENCE (options, RENAME, SET SCHEMA, OWNED BY), CREATE and DROP SEQUENCE are
-- undone by ROLLBACK as PostgreSQL undoes them, while nextval never is.
create schema archive;
create table customers (id serial primary key, name text);
create table orders (
  id int generated always as identity primary key,
  customer_id int references customers on delete cascade
);
insert into customers (name) values ('a'), ('b');
insert into orders (customer_id) values (1), (2);
\ds
alter table customers set schema archive;
\d archive.customers
\ds
insert into archive.customers (name) values ('c') returning id;
insert into orders (customer_id) values (3), (4);
delete from archive.customers where id = 1;
select * from orders;
alter table orders set schema archive;
\d archive.orders
select pg_get_serial_sequence('archive.orders', 'id');
insert into archive.orders (customer_id) values (2) returning *;
-- an owned sequence does not move alone; a free one does, with the defaults using it
create sequence ticket_seq;
create table tickets (n int default nextval('ticket_seq'), order_id int references archive.orders);
alter sequence archive.customers_id_seq set schema public;
alter sequence ticket_seq set schema nowhere;
alter sequence ticket_seq set schema archive;
\d tickets
insert into tickets (order_id) values (3) returning *;
insert into tickets (order_id) values (99);
insert into tickets (order_id) values (5) returning *;
-- options: the sequence returns to where the ALTER found it
select nextval('archive.ticket_seq');
begin;
select nextval('archive.ticket_seq');
alter sequence archive.ticket_seq increment by 100;
select nextval('archive.ticket_seq');
rollback;
select nextval('archive.ticket_seq');
begin;
alter sequence archive.ticket_seq restart with 1000;
insert into tickets (order_id) values (3) returning *;
rollback;
insert into tickets (order_id) values (3) returning *;
-- names: undone, the values drawn meanwhile kept
begin;
alter sequence archive.ticket_seq rename to t_seq;
select nextval('archive.t_seq');
alter sequence archive.t_seq set schema public;
\d tickets
rollback;
\d tickets
select nextval('archive.ticket_seq');
begin;
alter table archive.customers set schema public;
insert into customers (name) values ('d') returning id;
rollback;
\ds archive.*
insert into archive.customers (name) values ('e') returning id;
-- created and dropped
begin;
create sequence scratch_seq;
select nextval('scratch_seq');
drop sequence archive.ticket_seq cascade;
rollback;
create sequence scratch_seq;
select nextval('archive.ticket_seq');
begin;
alter sequence scratch_seq owned by tickets.n;
drop table tickets;
rollback;
drop table tickets;
select nextval('scratch_seq');
