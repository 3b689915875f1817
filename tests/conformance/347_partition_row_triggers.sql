-- Row triggers on a partitioned table fire for the rows of its partitions: PostgreSQL 15 clones
-- them onto every partition (existing, created later, attached), in trigger-name order with the
-- partition's own triggers; statement triggers fire once, on the table the statement names.
create table orders (id int primary key, note text) partition by range (id);
create table orders_low partition of orders for values from (minvalue) to (100);
create table lines (order_id int references orders on delete cascade on update cascade, qty int)
  partition by list (qty);
create table lines_small partition of lines for values in (1, 2);
create function log_row() returns trigger language plpgsql as $$
begin
  raise notice '% % % on %: old %, new %', TG_NAME, TG_WHEN, TG_OP, TG_TABLE_NAME, OLD, NEW;
  return null;
end $$;
create function keep_row() returns trigger language plpgsql as $$
begin
  raise notice '% % % on %', TG_NAME, TG_WHEN, TG_OP, TG_TABLE_NAME;
  if TG_OP = 'DELETE' then return old; end if;
  return new;
end $$;
create trigger z_after after insert or update or delete on orders for each row execute function log_row();
create trigger a_before before insert or delete on orders for each row execute function keep_row();
create trigger orders_stmt after insert or delete on orders for each statement execute function log_row();
create trigger lines_del after delete on lines for each row execute function log_row();
create trigger lines_upd after update of order_id on lines for each row execute function log_row();
-- created after the trigger, and attached with its columns in another order
create table orders_high partition of orders for values from (100) to (maxvalue);
create table lines_big (qty int, order_id int);
alter table lines attach partition lines_big for values in (10, 20);
create trigger m_own after insert on orders_low for each row execute function log_row();
insert into orders values (1, 'one'), (150, 'big');
insert into lines values (1, 1), (1, 10), (150, 20);
-- the cascade reaches the partitions of lines and fires their clones
update orders set id = 2 where id = 1;
-- a row moving to another partition: DELETE on one, INSERT on the other
update orders set id = 120 where id = 2;
delete from orders where id = 150;
select tableoid::regclass, * from lines order by 2, 3;
\d orders
\d orders_low
\d lines_big
select c.relname, t.tgname, t.tgparentid <> 0 as cloned, p.tgname as parent, t.tgenabled
  from pg_trigger t join pg_class c on c.oid = t.tgrelid
  left join pg_trigger p on p.oid = t.tgparentid
 where not t.tgisinternal order by 1, 2;
-- a clone is dropped with its parent trigger, never on its own
drop trigger z_after on orders_low;
create trigger z_after after insert on orders_high for each row execute function log_row();
-- a table with a trigger of the same name cannot be attached
create table orders_mid (id int primary key, note text);
create trigger z_after after insert on orders_mid for each row execute function log_row();
delete from lines where order_id = 120;
alter table orders detach partition orders_high;
alter table orders attach partition orders_mid for values from (100) to (200);
drop trigger z_after on orders_mid;
alter table orders attach partition orders_mid for values from (100) to (200);
-- the detached partition keeps no clones
\d orders_high
-- DISABLE on the parent reaches the clones
alter table orders disable trigger z_after;
select c.relname, t.tgname, t.tgenabled from pg_trigger t join pg_class c on c.oid = t.tgrelid
 where not t.tgisinternal and t.tgname = 'z_after' order by 1;
insert into orders values (130, 'mid');
alter table orders enable trigger z_after;
drop trigger z_after on orders;
select c.relname, t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid
 where not t.tgisinternal order by 1, 2;
-- in a transaction rolled back, the clones of a new partition go with it
begin;
create table orders_top partition of orders for values from (200) to (300);
rollback;
select count(*) from pg_trigger where tgname = 'a_before';
delete from orders;
