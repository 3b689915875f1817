-- The multidimensional ARRAY constructor: ARRAY[[...], [...]] and ARRAY[ARRAY[...], ...],
-- stored in a referencing table's column, compared with literals, and the error for
-- sub-arrays of different shapes.
create table boards (id int primary key, name text not null);
create table moves (
    id int primary key,
    board_id int not null references boards on delete cascade,
    grid int[]
);
insert into boards values (1, 'chess'), (2, 'go');
insert into moves values (1, 1, ARRAY[[1,2],[3,4]]), (2, 2, ARRAY[ARRAY[5,6],ARRAY[7,8]]);
insert into moves values (3, 3, ARRAY[[0]]);
insert into moves values (4, 1, ARRAY[[1,2],[3]]);
insert into moves values (5, 1, ARRAY[ARRAY[1,2],NULL]);
select m.id, b.name, m.grid, m.grid = '{{1,2},{3,4}}'::int[] as is_first
from moves m join boards b on b.id = m.board_id order by m.id;
select ARRAY[[1,2],[3,4]];
select array[[[1],[2]],[[3],[4]]];
select array[['a','b'],['c','d']];
select ARRAY[ARRAY[1,2],ARRAY[3,4]] = ARRAY[[1,2],[3,4]];
delete from boards where id = 1;
select id, grid from moves order by id;
