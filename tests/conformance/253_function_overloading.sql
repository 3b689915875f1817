-- Overloaded functions: one name, several argument lists; which one a call picks, DROP
-- FUNCTION naming one, and the errors when the choice is not unique.
create table products (id int primary key, name text not null, price numeric(10,2) not null);
create table order_lines (
  id int primary key,
  product_id int not null references products on delete restrict,
  qty int not null
);
insert into products values (1, 'pen', 1.50), (2, 'book', 12.00);
insert into order_lines values (1, 1, 10), (2, 2, 1);

create function price_of(p_id int) returns numeric language sql stable as $$
  select price from products where id = p_id
$$;
create function price_of(p_name text) returns numeric language sql stable as $$
  select price from products where name = p_name
$$;
create function price_of(p_id int, p_qty int) returns numeric language sql stable as $$
  select price * p_qty from products where id = p_id
$$;
create function describe(v int) returns text language sql immutable as $$ select 'integer ' || v $$;
create function describe(v bigint) returns text language sql immutable as $$ select 'bigint ' || v $$;
create function describe(v text) returns text language sql immutable as $$ select 'text ' || v $$;
create function describe(v numeric) returns text language sql immutable as $$ select 'numeric ' || v $$;
create function describe(v double precision) returns text language sql immutable as $$ select 'double ' || v $$;

select price_of(1), price_of('book'), price_of(2, 3);
select price_of(p_id => 2), price_of(p_name => 'pen');
select describe(1), describe(5000000000), describe('x'), describe(1.5), describe(2.5::float8);
select describe(null);
select describe(1::smallint);
select describe(true);
select price_of(1.5);
-- a default argument can make two functions fit one call
create function pick(a int, b text default 'x') returns text language sql as $$ select 'two' $$;
create function pick(a int) returns text language sql as $$ select 'one' $$;
select pick(1, 'y');
select pick(1);
-- the same argument types again
create function price_of(p_other int) returns numeric language sql as $$ select 0 $$;
create or replace function price_of(p_id int) returns text language sql as $$ select 'x' $$;
create or replace function price_of(p_id int) returns numeric language sql stable as $$
  select price from products where id = p_id and price > 0
$$;
select price_of(1);
\df price_of
\df describe
drop function price_of;
drop function describe(int), describe(bigint);
drop function if exists describe(boolean), describe(integer);
drop function price_of(text);
select price_of('pen');
\df describe
drop procedure price_of(int);
-- a trigger function beside an overload with arguments
create function audit() returns trigger language plpgsql as $$
begin
  raise notice 'line % of product %', new.id, new.product_id;
  return new;
end;
$$;
create function audit(v int) returns int language sql as $$ select v $$;
create trigger order_lines_audit before insert on order_lines for each row execute function audit();
insert into order_lines values (3, 1, 2);
insert into order_lines values (4, 3, 1);
select audit(7);
drop function audit;
drop function audit();
drop function audit() cascade;
\df audit
