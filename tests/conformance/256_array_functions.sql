-- Arrays: subscripts, slices, operators and functions, with NULLs, empty arrays and errors
create table tags (id int primary key, names text[], scores int[]);
insert into tags values
  (1, '{red,green,blue}', '{3,1,2}'),
  (2, '{green}', '{}'),
  (3, null, '{5,null,5}'),
  (4, '{}', null),
  (5, '{"a b",NULL,"c,d"}', '{7}');
select id, names[1], names[2:3], scores[2], scores[:2], scores[2:] from tags;
select id, names[0], names[4], names[null], names[3:1] from tags where id = 1;
select id from tags where names @> '{green}';
select id from tags where names @> array['green', 'red'];
select id from tags where '{green,red,blue,black}' <@ names or names <@ '{red,green,blue,black}';
select id from tags where names && array['blue', 'green'];
select id, scores && '{5}', scores @> '{null}', array[1,null] <@ array[1,null] from tags;
select array[1,2] || array[3], array[1] || 2, 0 || array[1], array['a'] || '{b,c}', null::int[] || array[1];
select id, array_length(scores, 1), cardinality(scores), array_upper(scores, 1), array_lower(scores, 1), array_dims(scores), array_ndims(scores) from tags;
select array_length(scores, 2), array_upper(scores, 0) from tags where id = 1;
select id, array_position(scores, 5), array_position(scores, 5, 2), array_positions(scores, 5), array_position(names, null) from tags;
select array_append(scores, 9), array_prepend(0, scores), array_cat(scores, array[8, 9]) from tags order by id;
select id, array_remove(scores, 5), array_replace(scores, 5, 6), array_remove(names, null) from tags;
select id, array_to_string(names, ', '), array_to_string(names, ',', '*'), array_to_string(scores, '') from tags;
select string_to_array('a,b,,c', ','), string_to_array('a,b,,c', ',', ''), string_to_array('abc', null), string_to_array('abc', ''), string_to_array('', ',');
select string_to_array('1 2 3', ' ')::int[], (string_to_array('x-y', '-'))[2];
select (array['x', 'y', 'z'])[2] as second, (array[10, 20, 30])[2:3] as tail;
select id, names from tags where 'green' = any (names) order by id;
select array_append(null::text[], 'x'), array_cat(null::int[], null::int[]), array_position(null::int[], 1);
select array_agg(id order by id) filter (where scores @> '{5}') from tags;
-- errors
select names[1] from tags where scores @> '{x}';
select array_position(scores, 1, null) from tags;
select (1)[1];
select (array[1])['a'];
select 1 <@ 2;
select array_length(1, 1);
