-- An unknown column: PostgreSQL suggests the closest column of the relations in scope.
create table customers (id int primary key, name text, email text);
create table orders (id int primary key, customer_id int references customers, total numeric, created_at date);
select nme from customers;
select c.nme from customers c;
select cust.name from customers c;
select customerid from orders;
select o.customer from orders o join customers c on c.id = o.customer_id;
select ids from orders o join customers c on c.id = o.customer_id;
select x from orders;
select totl, emial from orders, customers;
select nam from customers c1, customers c2;
select * from orders where custome_id = 1;
update orders set total = totl + 1;
delete from orders where creatd_at is null;
select count(*) from orders group by customr_id;
select * from customers order by nmae;
insert into orders (id, customer_id) values (1, 1) returning totl;
insert into orders (id, custmer_id) values (1, 1);
select * from orders o where not exists (select 1 from customers c where c.id = o.customer);
-- Functions: no function matches.
select lenght('abc');
select upper(1);
select sum(name) from customers;
select now() + 1;
