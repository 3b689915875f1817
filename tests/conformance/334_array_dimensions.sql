-- Multidimensional array literals: read, checked rectangular, normalised, stored, compared —
-- and a two-dimensional key under a foreign key.
select '{{1,2},{3,4}}'::int[] as grid, '{{1, 02},{ 3 ,4}}'::int[] as spaced;
select '{{a,"b c"},{NULL,d}}'::text[] as words, '{{{1},{2}},{{3},{4}}}'::int[] as cube;
select '{{1,2},{3}}'::int[];
select '{{1,2},3}'::int[];
select '{{}}'::int[];
select '{{1,x},{3,4}}'::int[];
select '{{1,2},{3,4}}'::int[] = '{{1,2},{3,4}}'::int[] as same,
       '{{1,2},{3,4}}'::int[] < '{{1,2},{3,5}}'::int[] as less;
create table boards (id int primary key, cells int[] not null unique);
insert into boards values (1, '{{1,0},{0,1}}'), (2, '{{10,0},{0,0}}'), (3, '{{9,9},{9,9}}');
select * from boards order by cells;
create table games (id int primary key, board int[] references boards (cells));
insert into games values (1, '{{1,0},{0,1}}'), (2, '{{ 10 ,0},{0,00}}');
insert into games values (3, '{{1,1},{1,1}}');
delete from boards where id = 2;
select g.id, b.id as board from games g join boards b on b.cells = g.board order by g.id;
