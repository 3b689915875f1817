-- Date/time and JSON built-ins.
SELECT date '1962/2/18', date '2/18/1962', timestamp '1962/2/18 10:00';
SELECT extract(year from date '1962-02-18'), extract(second from timestamp '2020-01-01 03:04:05.5'),
       extract(epoch from timestamp '2020-01-01 03:04:05'), extract(epoch from date '2020-01-01'),
       extract(dow from date '2020-01-01'), extract(milliseconds from timestamp '2020-01-01 03:04:05.5'),
       extract(julian from date '2020-01-01'), date_part('year', date '2020-01-01'),
       extract(microseconds from timestamptz '2020-01-01 03:04:05.5'),
       extract(week from date '2021-01-03'), extract(doy from date '2020-12-31'),
       extract(quarter from date '2020-05-01'), extract(century from date '2000-12-31');
SELECT extract(hour from date '2020-01-01');
SELECT date_trunc('month', date '2020-05-05'), date_trunc('week', timestamp '2020-05-07 10:00'),
       date_trunc('quarter', timestamp '2020-05-07 10:00'), date_trunc('decade', timestamp '2020-05-07 10:00'),
       date_trunc('century', timestamp '2020-05-07 10:00'), date_trunc('Hour', timestamptz '2020-05-07 10:11:12');
SELECT date_trunc('foo', now());
SELECT timezone('utc'::text, timestamptz '2020-01-01 03:04:05'), timezone('UTC', timestamp '2020-01-01 03:04:05');
SELECT json_build_object('a', 1, 'b', date '2020-01-01', 'c', timestamp '2020-01-01 03:04:05',
         'd', timestamptz '2020-01-01 03:04:05.25', 'e', 'x'::text, 'f', '{"z": [1,2]}'::jsonb, 'g', NULL),
       jsonb_build_object('a', 1, 'a', 2, 'bb', NULL, 'c', 1.5::float8, 'd', 'q', 'e', true);
SELECT jsonb_build_object('a');
SELECT jsonb_build_object(NULL, 1);
SELECT json_build_object(1, 2, true, 3);
SELECT jsonb_set('{"a":{"b":1}}', '{a,b}', '5'), jsonb_set('{"a":[1,2]}', '{a,-1}', '9'),
       jsonb_set('{"a":1}', '{x,y}', '2'), jsonb_set('{"a":1}', '{c}', '2', false),
       jsonb_set('{"a":1}', '{c}', '[2]');
SELECT to_jsonb(1.50), to_jsonb(true), to_json('x'::text), to_jsonb(NULL::text), to_jsonb('a"b'::text),
       to_jsonb(date '2020-01-01');
