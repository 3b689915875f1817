-- Assigning to array elements and slices in UPDATE, and what a foreign key can and cannot do
-- with an array of ids.
create table tags (id int primary key, name text not null);
insert into tags values (1, 'red'), (2, 'green'), (3, 'blue'), (10, 'gold');
create table posts (id int primary key, title text, tag_ids int[] not null default '{}', scores int[]);
insert into posts values (1, 'first', '{1,2}', '{5,6,7}'), (2, 'second', '{}', null), (3, 'third', '{3}', '{}');
update posts set tag_ids[3] = 10 where id = 1;
update posts set tag_ids[1] = 3, scores[5] = 9 where id = 1;
update posts set tag_ids[1] = 1, scores[1] = 4 where id = 2;
update posts set scores[1] = 1 where id = 3;
select * from posts order by id;
update posts set scores[2:3] = '{60,70}' where id = 1;
update posts set scores[:2] = array[50, 51] where id = 1;
update posts set scores[4:] = '{0,0}' where id = 1;
select id, scores, array_length(scores, 1) from posts order by id;
-- A slice's source must cover it; a NULL subscript is refused.
update posts set scores[1:3] = '{1}' where id = 3;
update posts set scores[3:2] = '{1}' where id = 3;
update posts set scores[null] = 1 where id = 3;
update posts set scores[:1] = '{1}' where id = 2;
update posts set scores[1] = 'x' where id = 3;
update posts set title[1] = 'x' where id = 3;
update posts set scores[1][1] = 1 where id = 3;
select * from posts order by id;
-- A foreign key cannot reach into an array: the key types must match.
alter table posts add foreign key (tag_ids) references tags (id);
-- What it can do: a table of pairs, one row per element, each checked.
create table post_tags (post_id int references posts on delete cascade, tag_id int references tags, primary key (post_id, tag_id));
insert into post_tags select p.id, t.tag_id from posts p, unnest(p.tag_ids) as t(tag_id);
select * from post_tags order by post_id, tag_id;
update posts set tag_ids[2] = 99 where id = 3;
insert into post_tags values (3, 99);
-- The orphans an array hides, found by hand.
select p.id, x.tag_id from posts p, unnest(p.tag_ids) as x(tag_id)
where not exists (select 1 from tags t where t.id = x.tag_id) order by 1, 2;
delete from posts where id = 1;
select * from post_tags order by post_id, tag_id;
