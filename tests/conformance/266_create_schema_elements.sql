-- CREATE SCHEMA with elements: the tables are made in the new schema, in PostgreSQL's order
-- (tables before views), their names looked up there first; a partition may carry its own
-- foreign key; \d names a parent outside the search path with its schema.
create schema shop
  create view big_orders as select * from orders where qty > 10
  create table customers (id int primary key, name text)
  create table orders (id int, customer int, qty int) partition by list (customer)
  create table orders_1 partition of orders
      (foreign key (customer) references customers) for values in (1)
  create table orders_2 partition of orders for values in (2, 3)
      partition by list (customer)
  create table orders_2_2 partition of orders_2 for values in (2);
insert into shop.customers values (1, 'ann'), (2, 'bob');
insert into shop.orders values (10, 1, 5), (11, 2, 20);
insert into shop.orders values (12, 3, 1);
insert into shop.orders_1 values (13, 4, 1);
select * from shop.big_orders;
\d shop.orders_1
\d shop.orders_2_2;
-- an element that fails stops the whole statement: no schema is left behind
create schema broken
  create table a (x int primary key)
  create table b (y int references nope);
select nspname from pg_namespace where nspname in ('shop', 'broken') order by 1;
-- the partitions go with their partitioned table, unnamed
drop schema shop;
drop schema shop cascade;
