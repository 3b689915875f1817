-- unnest and generate_subscripts in the select list and in FROM, WITH ORDINALITY, several
-- arrays, ARRAY(subquery); repeat, lpad, rpad
create table posts (id int primary key, title text, tags text[]);
insert into posts values (1, 'hello', '{intro,news}'), (2, 'deep dive', '{tech,news,long}'), (3, 'empty', '{}'), (4, 'none', null);
select id, unnest(tags) from posts;
select id, unnest(tags) as tag, generate_subscripts(tags, 1) as i from posts;
select unnest(array[1, 2, 3]) as n, unnest(array['a', 'b']) as s;
select * from unnest(array[3, 1, 2]);
select * from unnest(array[3, 1, 2]) as t;
select * from unnest(array[3, 1, 2]) as t(n) where n > 1;
select * from unnest(array['x', 'y']) with ordinality;
select * from unnest(array['x', 'y']) with ordinality as t(letter, pos);
select * from unnest(array[1, 2, 3], array['a', 'b']) as u(n, s);
select * from unnest(array[1, 2], array['a', 'b', 'c']) with ordinality;
select p.id, t.tag from posts p, unnest(p.tags) as t(tag) order by t.tag, p.id;
select p.id, t.* from posts p cross join lateral unnest(p.tags) with ordinality as t(tag, n);
select tag, count(*) from posts, unnest(tags) as tag group by tag order by count(*) desc, tag;
select array(select id from posts order by id desc);
select array(select title from posts where id > 10);
select id, array(select unnest(tags) order by 1) from posts order by id;
select generate_subscripts(array['a', 'b', 'c'], 1), generate_subscripts(array['a'], 2);
select * from generate_series(1, 3) as g(n) join unnest(array[2, 3, 4]) as u(n) using (n);
select repeat('ab', 3), repeat('x', 0), repeat('x', -1), lpad('7', 3, '0'), lpad('hello', 2), lpad('x', 5, 'ab'), rpad('x', 4), rpad('ab', 5, 'xy'), lpad('x', 3, '');
select lpad(id::text, 4, '0') || ': ' || rpad(title, 10, '.') || '|' from posts order by id;
-- errors
select unnest(1);
select * from unnest(array[1]) as t(a, b);
select generate_subscripts(1, 1);
