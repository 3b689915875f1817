-- Arrays: text[] / int[] / boolean[] columns, '{...}' literals, ARRAY[...], output quoting,
-- = ANY (array) and <> ALL (array).
CREATE TABLE posts (id int PRIMARY KEY, tags text[] DEFAULT '{}', scores int[], flags boolean[]);
INSERT INTO posts VALUES (1, '{a,b}', ARRAY[1,2], '{t,false}');
INSERT INTO posts VALUES (2, ARRAY['x y', NULL, '', 'NULL', 'q"r'], '{3, 04}', ARRAY[true]);
INSERT INTO posts (id) VALUES (3);
INSERT INTO posts VALUES (4, '{a', NULL, NULL);
INSERT INTO posts VALUES (5, 'a', NULL, NULL);
INSERT INTO posts VALUES (6, NULL, '{x}', NULL);
SELECT * FROM posts ORDER BY id;
SELECT id FROM posts WHERE 'a' = ANY(tags) ORDER BY id;
SELECT id, 3 = ANY(scores) AS has3, 5 <> ALL(scores) AS no5 FROM posts ORDER BY id;
SELECT ARRAY[1, 2] = '{1,2}'::int[], ARRAY['a'], ARRAY[1.5, 2], '{}'::text[];
SELECT 2 = ANY('{1,2,3}'::int[]), NULL = ANY('{1}'::int[]), 4 = ANY('{1,NULL}'::int[]);
\d posts
COPY posts TO stdout;
