-- Arrays compare by their elements' values, not by their text: operators, ORDER BY, min/max,
-- greatest/least, DISTINCT ON, window order — and arrays as foreign-key values.
select '{10}'::int[] > '{9}'::int[] as ten_after_nine,
       '{1,2}'::int[] < '{1,2,3}'::int[] as prefix_first,
       '{1,null}'::int[] > '{1,5}'::int[] as null_last,
       '{-1}'::int[] < '{0}'::int[] as negative,
       '{2.5}'::numeric[] < '{10}'::numeric[] as numeric,
       '{b}'::text[] > '{abc}'::text[] as text_by_bytes,
       '{2024-01-10}'::date[] > '{2023-12-31}'::date[] as dates;
select array[1, 2] = array[1, 2], array[1, 2] <> array[1, 3], '{1,02}'::int[] = '{1,2}'::int[];
create table routes (id int primary key, stops int[] not null unique);
insert into routes values (1, '{1,2,3}'), (2, '{10}'), (3, '{9}'), (4, '{-5,1}'), (5, '{}'), (6, '{9,1}');
select * from routes order by stops;
select * from routes order by stops desc;
select id, stops from routes order by 2;
select id from routes where stops > '{5}' order by id;
select id from routes where stops between '{1}' and '{9,0}' order by id;
select max(stops), min(stops) from routes;
select greatest('{10}'::int[], '{9}'::int[]), least('{10}'::int[], '{9}'::int[]);
select distinct on (stops[1]) stops[1] as first, stops from routes order by stops[1], stops desc;
select id, rank() over (order by stops) from routes order by id;
select stops from routes union select '{11}' order by 1;
-- A foreign key whose key is an array: equal by value, whatever the text written.
create table tickets (
  id int primary key,
  stops int[] references routes (stops) on update cascade on delete restrict
);
insert into tickets values (1, '{1,2,3}'), (2, '{ 10 }'), (3, '{9,01}');
insert into tickets values (4, '{9,2}');
select * from tickets order by stops;
update routes set stops = '{10,11}' where id = 2;
select * from tickets order by id;
delete from routes where stops = '{9,1}';
delete from routes where stops = '{-5,1}';
select r.id, t.id as ticket from routes r left join tickets t on t.stops = r.stops order by r.stops;
