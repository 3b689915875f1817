-- A user-defined aggregate over each parent's children: CREATE AGGREGATE with a strict
-- transition function and no INITCOND (the first non-null input is the state), GROUP BY,
-- FILTER, DISTINCT, and the foreign key deciding which children exist.
create table orders (id int primary key, customer text not null);
create table order_lines (
    id int primary key,
    order_id int not null references orders on delete cascade,
    qty int
);
insert into orders values (1, 'ann'), (2, 'bob'), (3, 'cy');
insert into order_lines values (10, 1, 3), (11, 1, 4), (12, 2, 5), (13, 2, null), (14, 2, 5);
create function add_qty(int, int) returns int language sql strict as 'select $1 + $2';
create aggregate total_qty(int) (sfunc = add_qty, stype = int);
select o.id, o.customer, total_qty(l.qty)
from orders o left join order_lines l on l.order_id = o.id
group by o.id, o.customer order by o.id;
select order_id, total_qty(qty) filter (where qty > 3) as big, total_qty(distinct qty) as d
from order_lines group by order_id order by order_id;
select total_qty(qty) from order_lines where order_id = 3;
-- the foreign key still guards the children the aggregate reads
insert into order_lines values (15, 4, 1);
delete from orders where id = 2;
select total_qty(qty) as all_lines from order_lines;
