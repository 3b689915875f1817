-- Functions with arguments and results: LANGUAGE sql and plpgsql, SELECT ... INTO, RETURNING ... INTO,
-- FOUND, SECURITY DEFINER and SET search_path, CREATE OR REPLACE, DROP FUNCTION with argument types
create table items (id int generated always as identity primary key, owner text not null default current_user, note text);
create function is_owner(o text) returns boolean language sql stable as $$ select o = current_user $$;
create function count_items() returns bigint language sql as 'select count(*) from items';
create function add_item(n text) returns int language plpgsql security definer set search_path = public as $$
declare new_id int;
begin
  insert into items (note) values (n) returning id into new_id;
  if not found then raise exception 'nothing'; end if;
  return new_id;
end $$;
select add_item('first'), add_item('second');
select count_items();
select id, owner, is_owner(owner) from items order by id;
select current_setting('request.jwt.claims', true) is null as unset;
begin;
select set_config('request.jwt.claims', '{"sub":"u1","role":"authenticated"}', true);
select current_setting('request.jwt.claims', true)::jsonb ->> 'sub' as sub;
commit;
select current_setting('request.jwt.claims', true) = '' as empty_after_commit;
select current_setting('no.such');
select current_setting('nosuch');
create function sel_into(k int) returns text language plpgsql as $$
declare r text;
begin
  select note into strict r from items where id = k;
  return r;
end $$;
select sel_into(1);
select sel_into(99);
create function void_f() returns void language sql as $$ update items set note = upper(note) where id = 1 $$;
select void_f();
select note from items where id = 1;
select is_owner(1);
do $$ begin perform add_item('from do'); raise notice 'count %', count_items(); end $$;
create or replace function is_owner(o text) returns boolean language sql as $$ select false $$;
select is_owner('postgres');
drop function is_owner(text), count_items(), add_item, sel_into(int), void_f;
