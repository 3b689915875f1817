-- CREATE FUNCTION analyses a LANGUAGE sql body as PostgreSQL's validator does: an unknown
-- table, column or function fails the CREATE and points into the body.
create table accounts (id int primary key, owner text not null);
create table entries (id int primary key, account_id int references accounts, amount int);
create function balance(acc int) returns bigint language sql as $$ select sum(amount) from entry where account_id = acc $$;
create function balance(acc int) returns bigint language sql as $$ select sum(amont) from entries where account_id = acc $$;
create function balance(acc int) returns bigint language sql as $$ select summ(amount) from entries where account_id = acc $$;
create function owner_of(int) returns text language sql as 'select owner from accounts where id = $1 and nope';
create function two_steps() returns int language sql as $$
  select 1;
  selec 2
$$;
create function balance(acc int) returns bigint language sql stable as $$
  select sum(amount) from entries where account_id = acc
$$;
-- A body may call the function itself: it exists when its body is analysed.
create function depth(n int) returns int language sql as $$ select case when n <= 0 then 0 else 1 + depth(n - 1) end $$;
insert into accounts values (1, 'ann');
insert into entries values (1, 1, 10), (2, 1, 5);
select balance(1);
\df
-- Procedures: the same analysis, the same positions.
create procedure post(acc int, amt int) language sql as $$ insert into entrys values (3, acc, amt) $$;
create procedure post(acc int, amt int) language sql as $$ insert into entries (id, acount_id, amount) values (3, acc, amt) $$;
create procedure post(acc int, amt int) language sql as $$ update entries set amont = amt where account_id = acc $$;
create procedure post(acc int, amt int) language sql as $$ insert into entries values (3, acc, amt); update entries set amount = amount + 1 wher id = 3 $$;
create procedure post(acc int, amt int) language sql as $$ insert into entries values (3, acc, amt) $$;
call post(1, 7);
call post(9, 7);
create procedure bad_plpgsql() language plpgsql as $$ begin perform 1 $$;
-- check_function_bodies = off (what pg_dump writes first): bodies are stored unchecked, in
-- sql and in plpgsql; calling one that does not compile raises the error then.
set check_function_bodies = off;
create function later() returns bigint language sql as $$ select count(*) from audit_log $$;
create function broken_sql() returns int language sql as $$ selec 1 $$;
create function broken_pl() returns int language plpgsql as $$ begin return 1 $$;
create table audit_log (id int);
select later();
select broken_sql();
select broken_pl();
reset check_function_bodies;
create function broken_pl() returns int language plpgsql as $$ begin return 1 $$;
