-- Functions returning record without OUT arguments: the caller names the columns with a
-- column definition list. A story: data loaded before its foreign key, the orphans found by
-- such a function, then the key added.
create table customers (id int primary key, name text not null);
create table orders (id int primary key, customer_id int, total numeric(8,2));
insert into customers values (1, 'ann'), (2, 'bob');
insert into orders values (10, 1, 12.50), (11, 7, 3.00), (12, 2, 8.25), (13, 9, 1.00), (14, null, 4.00);
create function orphan_orders() returns setof record language sql stable as $$
  select o.id, o.customer_id from orders o
  where o.customer_id is not null
    and not exists (select 1 from customers c where c.id = o.customer_id)
  order by o.id
$$;
select * from orphan_orders() as t(order_id int, missing_customer int);
select * from orphan_orders() t(order_id bigint, missing_customer text);
select order_id from orphan_orders() as o(order_id int, missing_customer int) where missing_customer > 8;
-- Without a column definition list, or with one that does not fit.
select * from orphan_orders();
select * from orphan_orders() as t;
select * from orphan_orders() as t(order_id int);
select * from orphan_orders() as t(order_id int, a int, b int);
-- In a select list the rows show as records.
select orphan_orders();
-- The key cannot be added while the orphans are there.
alter table orders add constraint orders_customer_id_fkey foreign key (customer_id) references customers;
delete from orders where id in (select order_id from orphan_orders() as t(order_id int, c int));
alter table orders add constraint orders_customer_id_fkey foreign key (customer_id) references customers;
select count(*) from orphan_orders() as t(order_id int, c int);
-- One record, and a column definition list where none is allowed.
create function first_order() returns record language sql as $$ select id, total from orders order by id limit 1 $$;
select * from first_order() as f(id int, total numeric);
select first_order();
create function order_ids() returns setof int language sql as $$ select id from orders order by id $$;
select * from order_ids() as x(id int);
select * from order_ids() as x(id);
-- PL/pgSQL: RETURN NEXT of a record variable.
create function customers_with_totals() returns setof record language plpgsql as $$
declare r record;
begin
  for r in select c.name, sum(o.total) as total from customers c join orders o on o.customer_id = c.id group by c.name order by c.name loop
    return next r;
  end loop;
end $$;
select * from customers_with_totals() as t(name text, total numeric);
\df orphan_orders
\df first_order
insert into orders values (15, 3, 1.00);
