-- The other statements that fire statement-level triggers: INSERT ... ON CONFLICT DO UPDATE
-- fires the UPDATE ones inside the INSERT ones (DO NOTHING only the INSERT ones), and COPY ...
-- FROM stdin fires the INSERT ones, as a data load from a dump does. A foreign-key failure
-- comes after the BEFORE trigger and before the AFTER one, which then never runs.
create table suppliers (id int primary key, name text);
create table parts (id int primary key, supplier_id int references suppliers, qty int);
create function note() returns trigger language plpgsql as $$
begin raise notice '% % % % on %', tg_name, tg_when, tg_level, tg_op, tg_table_name; return null; end $$;
create trigger parts_bi before insert on parts execute function note();
create trigger parts_ai after insert on parts execute function note();
create trigger parts_bu before update on parts execute function note();
create trigger parts_au after update on parts execute function note();
create trigger parts_row after insert on parts for each row execute function note();
insert into suppliers values (1, 'acme');
insert into parts values (10, 1, 5);
insert into parts values (10, 1, 6), (11, 1, 1) on conflict (id) do update set qty = excluded.qty;
insert into parts values (10, 1, 7) on conflict do nothing;
insert into parts values (12, 1, 1) on conflict (id) do update set supplier_id = 99;
insert into parts values (10, 1, 1) on conflict (id) do update set supplier_id = 99;
copy parts from stdin;
20	1	3
21	\N	4
\.
copy parts from stdin;
22	1	3
23	42	4
\.
copy parts (id, qty) from stdin with (format csv);
30,1
\.
select * from parts order by id;
