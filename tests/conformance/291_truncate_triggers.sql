-- TRUNCATE triggers are statement-level only. TRUNCATE ... CASCADE empties the tables that
-- reference the named ones, and their TRUNCATE triggers fire too: all BEFORE triggers in the
-- order the tables are truncated, then all AFTER ones. No row trigger fires, and no foreign-key
-- check: the whole referencing table goes.
create table accounts (id int primary key);
create table invoices (id int primary key, account_id int references accounts);
create table lines (id int primary key, invoice_id int references invoices on delete cascade);
create function note() returns trigger language plpgsql as $$
begin raise notice '% % % % on % (new=%)', tg_name, tg_when, tg_level, tg_op, tg_table_name, new; return null; end $$;
create trigger accounts_bt before truncate on accounts execute function note();
create trigger accounts_at after truncate on accounts for each statement execute function note();
create trigger invoices_at after truncate on invoices execute function note();
create trigger invoices_bt before truncate on invoices execute function note();
create trigger invoices_del after delete on invoices for each row execute function note();
create trigger lines_bt before truncate or delete on lines execute function note();
create trigger lines_row after truncate on lines for each row execute function note();
\d invoices
select tgname, tgtype from pg_trigger where tgrelid = 'lines'::regclass and not tgisinternal order by tgname;
insert into accounts values (1), (2);
insert into invoices values (10, 1), (11, 2);
insert into lines values (100, 10), (101, 11);
truncate accounts;
truncate accounts cascade;
select (select count(*) from accounts) as accounts, (select count(*) from invoices) as invoices, (select count(*) from lines) as lines;
insert into accounts values (1);
insert into invoices values (10, 1);
truncate lines, invoices, accounts;
-- Disabled triggers stay quiet; the cascade does not.
alter table invoices disable trigger user;
insert into accounts values (1);
insert into invoices values (10, 1);
truncate accounts cascade;
-- Rolled back with everything else.
alter table invoices enable trigger all;
insert into accounts values (1);
insert into invoices values (10, 1);
begin;
truncate accounts cascade;
rollback;
select count(*) from invoices;
