-- What the catalogs say of partitions: pg_class's relkind 'p' and relispartition,
-- pg_get_expr(relpartbound, oid), and \d+'s "Partition constraint:" (the ancestors' bounds too).
create table events (id int, kind text, at int) partition by range (id);
create table events_old partition of events for values from (minvalue) to (100);
create table events_new partition of events for values from (100) to (200) partition by list (kind);
create table events_new_a partition of events_new for values in ('a', 'b');
create table events_new_z partition of events_new for values in ('z', null);
create table events_new_n partition of events_new for values in ('n');
create table events_top partition of events for values from (200) to (maxvalue);
create table tags (id int, event_id int, code int, primary key (id, code)) partition by list (code);
create table tags_1 partition of tags for values in (1);
create table tags_2 partition of tags for values in (2, 3);
create table tags_null partition of tags for values in (null);
select c.relname, c.relkind, c.relispartition, pg_get_expr(c.relpartbound, c.oid) as bound
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = 'public' and c.relkind in ('r', 'p')
 order by 1;
\d+ events_old
\d+ events_new_a
\d+ events_new_z
\d+ events_new_n
\d+ events_top
\d+ tags_2
\d+ tags_null
-- a detached partition is a plain table again
alter table tags detach partition tags_2;
select relname, relispartition, pg_get_expr(relpartbound, oid) from pg_class where relname = 'tags_2';
