-- OIDs and regclass: relation OIDs grow in creation order, so ORDER BY an oid or regclass
-- column sorts by creation, not by name; regclass prints the name (qualified when the search
-- path would not find it), a constraint's oid cast to regclass prints as a number
create schema shop;
create table zebra (id int primary key);
create table apple (id int primary key, z int references zebra);
create table shop.mango (id int primary key, a int references apple on delete cascade);
create table middle (id int primary key, m int references shop.mango, z int references zebra);
select conname, conrelid::regclass, confrelid::regclass from pg_constraint
 where contype = 'f' order by conrelid, conname;
select conname, conrelid::regclass from pg_constraint
 where contype = 'f' order by conrelid::regclass desc, conname;
select relname from pg_class where relkind = 'r' and relnamespace in (select oid from pg_namespace where nspname in ('public', 'shop')) order by oid;
select relname from pg_class where oid = 'shop.mango'::regclass;
select 'zebra'::regclass < 'apple'::regclass as zebra_first, 'apple'::regclass::oid = (select oid from pg_class where relname = 'apple') as same;
select 'shop.mango'::regclass, 'SHOP.MANGO'::regclass::text, to_regclass('mango'), to_regclass('shop.mango');
set search_path = shop, public;
select 'mango'::regclass, 'public.zebra'::regclass;
reset search_path;
select 'nope'::regclass;
select to_regclass('nope') is null as missing;
-- a constraint's oid is no relation's: as regclass it prints as a number
select conname, oid::regclass::text ~ '^[0-9]+$' as number from pg_constraint where conrelid = 'apple'::regclass order by oid;
-- the internal triggers in the order of their relation
select tgrelid::regclass as tgrel, regexp_replace(tgname, '[0-9]+', 'N') as tgname, tgtype, tgconstrrelid::regclass
  from pg_trigger t join pg_constraint c on t.tgconstraint = c.oid
 where c.conname = 'apple_z_fkey' order by tgrelid, tgtype;
select pg_describe_object('pg_constraint'::regclass, oid, 0), pg_get_constraintdef(oid)
  from pg_constraint where contype = 'f' order by oid;
select pg_describe_object('pg_class'::regclass, 'shop.mango'::regclass, 0),
       pg_describe_object('pg_class'::regclass, 'apple'::regclass, 2),
       pg_describe_object('pg_class'::regclass, 'apple_pkey'::regclass, 0);
select pg_describe_object('pg_trigger'::regclass, t.oid, 0) ~ '^trigger RI_ConstraintTrigger_c_[0-9]+ on table apple$' as described
  from pg_trigger t where t.tgrelid = 'apple'::regclass and tgisinternal and tgfoid = 1644;
select conname, conindid::regclass from pg_constraint where conrelid in ('apple'::regclass, 'middle'::regclass) order by oid;
select 'apple'::pg_catalog.regclass, tableoid::pg_catalog.regclass from apple limit 1;
