-- COPY (query) TO STDOUT: how dumps and scripts export what a join finds, here the orphans a
-- foreign key would refuse and the children each parent has.
create table regions (id int primary key, name text not null);
create table stores (id int primary key, region_id int, label text);
insert into regions values (1, 'North'), (2, 'South, East');
insert into stores values (10, 1, 'a'), (11, 2, null), (12, 7, 'tab	inside'), (13, null, 'no region');
copy (select s.id, s.region_id from stores s left join regions r on r.id = s.region_id where s.region_id is not null and r.id is null) to stdout;
alter table stores add constraint stores_region_fkey foreign key (region_id) references regions;
copy (select r.name, count(s.id) as stores from regions r left join stores s on s.region_id = r.id group by r.name order by r.name) to stdout with (format csv, header);
copy (select * from stores order by id) to stdout;
copy (select * from stores order by id) to stdout with csv;
copy (select id, label from stores where id > 100) to stdout with (format csv, header true);
copy (select 1 as one, null::text as nothing, 'x|y' as bar) to stdout with (delimiter '|', null 'NULL');
copy (values (1, 'a'), (2, 'b')) to stdout;
copy (select * from missing_table) to stdout;
copy (select nope from stores) to stdout;
copy (select 1) from stdin;
