-- The catalog queries blogs and linters run, joined through OIDs: the referencing columns of
-- each key from pg_attribute, the indexes of a table in creation (OID) order, comments through
-- obj_description / col_description, and the triggers each key adds
create table customers (id int primary key, name text);
create table orders (id int primary key, customer_id int references customers, placed date);
create table lines (order_id int references orders on delete cascade, n int, sku text, primary key (order_id, n));
create table notes (id int primary key, order_id int, customer_id int, foreign key (order_id) references orders);
create index on notes (customer_id, order_id);
create unique index notes_order_once on notes (order_id) where id > 0;
comment on table orders is 'one per checkout';
comment on column orders.customer_id is 'who ordered';
comment on constraint orders_customer_id_fkey on orders is 'orders need a customer';
select c.conrelid::regclass as child, a.attname as column, c.confrelid::regclass as parent
from pg_constraint c
join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
where c.contype = 'f'
order by c.conrelid, c.conname, a.attnum;
select c.conrelid::regclass as child, c.conname, ci.relname as index
from pg_constraint c join pg_class ci on ci.oid = c.conindid
where c.contype = 'f' order by c.oid;
select i.indexrelid::regclass, i.indrelid::regclass, i.indkey, i.indisunique
from pg_index i where i.indrelid = 'notes'::regclass order by i.indexrelid;
select relname, relkind from pg_class where oid in ('orders'::regclass, 'orders_pkey'::regclass) order by oid;
select obj_description('orders'::regclass, 'pg_class'), col_description('orders'::regclass, 2);
select conname, obj_description(oid, 'pg_constraint') from pg_constraint where conrelid = 'orders'::regclass order by oid;
select t.tgrelid::regclass, count(*) from pg_trigger t where t.tgisinternal group by t.tgrelid order by t.tgrelid;
select p.proname, count(*) from pg_trigger t join pg_proc p on p.oid = t.tgfoid
where t.tgconstraint = (select oid from pg_constraint where conname = 'lines_order_id_fkey')
group by p.proname order by p.proname;
select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.oid = 'lines'::regclass;
drop table notes;
create table notes (id int primary key references orders);
select relname from pg_class where relname in ('customers', 'orders', 'lines', 'notes') order by oid;
