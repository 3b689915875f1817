-- DO blocks, trigger arguments (TG_NARGS, TG_ARGV), and the errors of CREATE/DROP FUNCTION
create function f(a int) returns int language sql as $$ select a + 1 $$;
create function f(a int) returns int language sql as $$ select a + 1 $$;
create or replace function f(a int) returns text language sql as $$ select 'x' $$;
select f(1), f(f(2)), f($$41$$);
drop function f(text);
drop function nosuch;
drop function nosuch();
drop function if exists nosuch;
create function g(x int) returns int language plpgsql as $$ declare r int; begin select x * 2 into r; return r; end $$;
select g(3), g(null);
create function v() returns void language plpgsql as $$ begin raise notice 'v'; end $$;
select v();
create function noret() returns int language plpgsql as $$ begin end $$;
select noret();
create table t (a int, tag text);
do $$ declare n int; begin select count(*) into n from t; raise notice 'n=%', n; end $$;
do $$ begin insert into t values (100, 'from do'); if found then raise notice 'inserted'; end if; end $$;
do language plpgsql $$ begin raise notice 'language first'; end $$;
create function trg() returns trigger language plpgsql as $$
begin
  raise notice 'args % % %', tg_nargs, tg_argv[0], tg_argv[1];
  new.tag := tg_argv[0];
  return new;
end $$;
create trigger tt before insert on t for each row execute function trg('hello', 42);
insert into t values (1);
select * from t order by a;
create function bad(a int) returns trigger language plpgsql as $$ begin return new; end $$;
select trg();
drop function f, g(int), v(), noret;
drop function trg;
drop function trg cascade;
-- defaults and arguments given by name
create function fd(a int, b text default 'x', c int default 3) returns text language sql as $$ select a || b || c $$;
select fd(1), fd(1, 'y'), fd(a => 2), fd(1, c => 9), fd(c => 7, a => 0), fd(b => 'z', a => 5);
select fd(1, 2, 3, 4);
select fd();
