-- CREATE AGGREGATE's errors: a missing or mistyped transition function, a duplicate, a
-- strict step without INITCOND of another type; DROP AGGREGATE of what is not there.
create table parent (id int primary key);
create table child (id int primary key, parent_id int references parent);
create function plus(int, int) returns int language sql strict as 'select $1 + $2';
create function plus_text(text, int) returns text language sql strict as 'select $1 || $2';
create aggregate agg1(int) (sfunc = nosuch, stype = int);
create aggregate agg1(text) (sfunc = plus, stype = int);
create aggregate agg1(int) (sfunc = plus, stype = bigint);
create aggregate agg1(int) (sfunc = plus_text, stype = text);
create aggregate agg1(int) (sfunc = plus, stype = int);
create aggregate agg1(int) (sfunc = plus, stype = int);
create or replace aggregate agg1(int) (sfunc = plus, stype = int, initcond = '1000');
insert into parent values (1);
insert into child values (1, 1), (2, 1), (3, 2);
select parent_id, agg1(id) from child group by parent_id;
drop aggregate agg1(int);
select agg1(id) from child;
