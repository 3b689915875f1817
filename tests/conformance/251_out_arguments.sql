-- OUT and INOUT arguments: a function returning a record through them, in FROM and in the
-- select list; RETURN NEXT of the OUT values; a table's row type as the result.
create table accounts (id int primary key, owner text not null, balance numeric(12,2) not null default 0);
create table transfers (
  id int primary key,
  from_id int not null references accounts,
  to_id int not null references accounts,
  amount numeric(12,2) not null check (amount > 0)
);
insert into accounts values (1, 'ann', 100), (2, 'bob', 50), (3, 'cy', 0);
insert into transfers values (1, 1, 2, 30), (2, 2, 3, 10), (3, 1, 3, 5);

create function account_summary(p_id int, out owner text, out sent numeric, out received numeric)
language sql stable as $$
  select a.owner,
         (select coalesce(sum(amount), 0) from transfers where from_id = a.id),
         (select coalesce(sum(amount), 0) from transfers where to_id = a.id)
  from accounts a where a.id = p_id
$$;

create function split_name(inout full_name text, out first_part text, out rest text)
language plpgsql immutable as $$
begin
  first_part := split_part(full_name, ' ', 1);
  rest := substr(full_name, length(first_part) + 2);
  full_name := upper(full_name);
end;
$$;

create function transfer_log(p_id int, out transfer_id int, out direction text, out amount numeric)
returns setof record
language plpgsql stable as $$
declare
  t record;
begin
  for t in select * from transfers where from_id = p_id or to_id = p_id order by id loop
    transfer_id := t.id;
    amount := t.amount;
    if t.from_id = p_id then direction := 'out'; else direction := 'in'; end if;
    return next;
  end loop;
end;
$$;

create function richest(out who text) returns text language sql as $$
  select owner from accounts order by balance desc limit 1
$$;

create function account_of(p_owner text) returns accounts language plpgsql stable as $$
declare
  r accounts%rowtype;
begin
  select * into r from accounts where owner = p_owner;
  return r;
end;
$$;

select * from account_summary(1);
select account_summary(2);
select * from account_summary(42);
select account_summary(42) is null as missing;
select * from split_name('Ada King Lovelace');
select split_name('Grace Hopper');
select * from transfer_log(3);
select transfer_log(1);
select count(*) from transfer_log(2);
select richest();
select * from richest();
select * from account_of('bob');
select account_of('cy');
select * from account_of('nobody');
-- the same OUT arguments again with another result type are refused
create function bad_result(out a int, out b int) returns int language sql as $$ select 1, 2 $$;
create function bad_single(out a int) returns text language sql as $$ select 1 $$;
create function no_result(a int) language sql as $$ select 1 $$;
create function no_table(a int) returns setof no_such_table language sql as $$ select 1 $$;
-- a transfer to an account that does not exist, found through the function's result
insert into transfers select 4, transfer_id, 99, 1 from transfer_log(1) limit 1;
\df account_summary
\df split_name
\df transfer_log
\df richest
\df account_of
-- VARIADIC: the trailing arguments arrive as one array
create function tagged(label text, variadic tags text[]) returns text language sql immutable as $$
  select label || ' ' || tags::text
$$;
select tagged('item', 'a', 'b', 'c'), tagged('one', 'x');
select tagged('none');
create function not_array(variadic n int) returns int language sql as $$ select 1 $$;
\df tagged
