-- pg_dump --disable-triggers wraps each table's data in ALTER TABLE ... DISABLE TRIGGER ALL.
-- ALL includes the foreign keys' internal triggers: while they are off, an orphan gets in and
-- a parent leaves its children behind. Nothing re-checks them when the triggers come back;
-- only a new constraint or VALIDATE CONSTRAINT does.
create table customers (id int primary key, name text);
create table orders (id int primary key, customer_id int references customers on delete cascade);
create function audit() returns trigger language plpgsql as $$
begin raise notice '% on % (%)', tg_name, tg_table_name, tg_op; return new; end $$;
create trigger orders_audit after insert or delete on orders for each row execute function audit();
create trigger orders_check before insert on orders for each row execute function audit();
insert into customers values (1, 'Ada'), (2, 'Grace');
insert into orders values (100, 1), (101, 2);
-- USER: the user's triggers only; the key is still checked.
alter table orders disable trigger user;
\d orders
insert into orders values (102, 99);
insert into orders values (102, 1);
alter table orders enable trigger orders_check;
\d orders
insert into orders values (103, 1);
select tgname, tgenabled from pg_trigger where tgrelid = 'orders'::regclass and not tgisinternal order by tgname;
-- ALL: the check triggers on orders too.
alter table orders disable trigger all;
insert into orders values (104, 99);
update orders set customer_id = 98 where id = 100;
select tgenabled, count(*) from pg_trigger where tgrelid = 'orders'::regclass and tgisinternal group by tgenabled;
alter table orders enable trigger all;
select * from orders order by id;
-- Enabling does not look back: the orphans stay, and new rows are checked again.
insert into orders values (105, 97);
-- On the referenced table, ALL turns off ON DELETE CASCADE.
alter table customers disable trigger all;
delete from customers where id = 2;
alter table customers enable trigger all;
select o.id, o.customer_id, c.id is null as orphan from orders o left join customers c on c.id = o.customer_id order by o.id;
-- A new constraint, or VALIDATE of a NOT VALID one, finds them.
alter table orders add constraint orders_customer_again foreign key (customer_id) references customers;
alter table orders add constraint orders_customer_nv foreign key (customer_id) references customers not valid;
alter table orders validate constraint orders_customer_nv;
-- Undone with its transaction.
begin;
alter table orders disable trigger all;
rollback;
insert into orders values (106, 96);
begin;
alter table orders disable trigger all;
insert into orders values (106, 96);
rollback;
select count(*) from orders where id = 106;
alter table orders disable trigger no_such_trigger;
alter table no_such_table disable trigger all;
alter table if exists no_such_table disable trigger all;
alter table orders enable replica trigger orders_audit;
alter table orders enable always trigger orders_audit;
