-- Procedures as migrations and batch jobs write them: a loop that commits as it goes,
-- ROLLBACK inside, the refusals inside a transaction block and a function, DROP PROCEDURE.
create table public.batches (id int primary key, label text not null);
create table public.items (
  id int primary key,
  batch_id int not null references public.batches (id) deferrable initially deferred,
  qty int not null check (qty > 0)
);

create procedure public.load_batches(p_count int, p_keep_odd boolean default true)
language plpgsql
as $$
begin
  for i in 1..p_count loop
    insert into public.batches values (i, 'batch ' || i);
    insert into public.items values (i * 10, i, i);
    if i % 2 = 1 and not p_keep_odd then
      rollback;
    else
      commit;
    end if;
  end loop;
end;
$$;

create or replace procedure public.add_item(p_id int, p_batch int, p_qty int)
language plpgsql
as $$
begin
  insert into public.items values (p_id, p_batch, p_qty);
  commit;
  raise notice 'item % committed', p_id;
end;
$$;

call public.load_batches(4, false);
select * from batches order by id;
select * from items order by id;
call load_batches(p_count => 1);
select count(*) from batches;
-- the deferred foreign key is checked by the procedure's COMMIT
call add_item(100, 42, 1);
call add_item(101, 2, 5);
select * from items order by id;
-- COMMIT inside a transaction block, or inside a function, is refused
begin;
call add_item(102, 2, 1);
rollback;
create function commit_in_function() returns int language plpgsql as $$
begin
  commit;
  return 1;
end;
$$;
select commit_in_function();
do $$
begin
  insert into batches values (9, 'from do');
  commit;
  insert into batches values (10, 'rolled back');
  rollback;
end;
$$;
select * from batches order by id;
-- INOUT arguments: CALL returns their values
create procedure public.count_items(p_batch int, inout total int default 0, inout lines int default 0)
language plpgsql as $$
begin
  select coalesce(sum(qty), 0), count(*) into total, lines from public.items where batch_id = p_batch;
end;
$$;
call count_items(2);
call count_items(2, null, null);
call count_items(42);
-- procedures are not functions
select add_item(103, 2, 1);
call commit_in_function();
create or replace function add_item(p_id int, p_batch int, p_qty int) returns void
language sql as $$ select 1 $$;
create or replace procedure commit_in_function() language sql as $$ select 1 $$;
\df
drop function add_item(int, int, int);
drop procedure commit_in_function();
drop procedure nope(int);
drop procedure nope;
drop procedure if exists nope();
drop procedure add_item(int, int, int), load_batches;
\df
