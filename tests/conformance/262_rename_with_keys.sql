-- Renaming tables, columns, constraints and indexes under foreign keys: the keys, checks,
-- index expressions, views and sequence defaults follow, and a 23503 after the rename names
-- the new names.
create table users (
  id serial primary key,
  email text not null unique,
  age int check (age > 0)
);
create unique index users_email_ci on users (lower(email)) where age > 17;
create table orders (
  id int primary key,
  user_id int references users (id) on delete cascade,
  total numeric(8,2)
);
create view adult_orders as
  select o.id, users.email, age from orders o join users on users.id = o.user_id where age >= 18;
insert into users (email, age) values ('ann@example.org', 30), ('bob@example.org', 16);
insert into orders values (1, 1, 9.50), (2, 2, 3.00);
-- Columns.
alter table users rename column email to mail;
alter table users rename column age to years;
alter table users rename column nope to x;
alter table users rename column mail to id;
alter table users rename column years to years;
alter table orders rename column user_id to customer_id;
insert into orders values (3, 42, 1.00);
insert into users (mail, years) values ('ANN@example.org', 40);
insert into users (mail, years) values ('carl@example.org', 0);
-- The table.
alter table users rename to customers;
alter table customers rename to orders;
insert into orders values (3, 42, 1.00);
delete from customers where id = 2;
update customers set id = 10 where id = 1;
select * from adult_orders;
\d customers
\d orders
\d+ adult_orders
-- Constraints and indexes.
alter table customers rename constraint customers_years_check to years_positive;
alter table customers rename constraint users_age_check to years_positive;
alter table customers rename constraint users_pkey to customers_pkey;
alter table customers rename constraint users_email_key to years_positive;
alter table customers rename constraint nope to x;
alter table orders rename constraint orders_user_id_fkey to orders_customer_fkey;
alter index users_email_ci rename to customers_mail_ci;
alter index if exists nope rename to x;
alter index nope rename to x;
alter index customers_pkey rename to customers_id_key;
alter index customers_id_key rename to orders_pkey;
alter sequence users_id_seq rename to customers_id_seq;
insert into customers (mail, years) values ('dee@example.org', 22);
insert into orders values (4, 99, 2.00);
delete from customers where id = 10;
select * from orders;
\d customers
\d orders
select conname, pg_get_constraintdef(oid) from pg_constraint
 where conrelid in ('customers'::regclass, 'orders'::regclass) order by conname;
-- SET SCHEMA.
create schema shop;
alter table orders set schema shop;
alter table if exists nope set schema shop;
alter table customers set schema nope;
insert into shop.orders values (5, 77, 1.00);
\d customers
\d shop.orders
-- A rename rolled back leaves the old names.
begin;
alter table customers rename column mail to email;
alter table customers rename to people;
rollback;
\d customers
