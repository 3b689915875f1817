-- jsonb operators and the scalar functions trigger functions use.
CREATE TABLE users (id int PRIMARY KEY, meta jsonb, email text);
INSERT INTO users VALUES
  (1, '{"first_name": "Grace", "last_name": "Hopper", "tags": ["navy", "cobol"], "age": 85}', 'Grace@Example.com'),
  (2, '{"first_name": "Ada", "b": 1, "a": {"nested": true}}', NULL),
  (3, NULL, '');
SELECT id, meta FROM users ORDER BY id;
SELECT id, meta -> 'first_name' AS j, meta ->> 'first_name' AS t, meta -> 'tags' -> 1 AS second_tag, meta -> 'tags' ->> 0 AS first_tag FROM users ORDER BY id;
SELECT id FROM users WHERE meta @> '{"first_name": "Ada"}' ORDER BY id;
SELECT id FROM users WHERE meta ? 'tags' ORDER BY id;
SELECT id, meta -> 'a' -> 'nested' AS nested, meta ->> 'age' AS age FROM users ORDER BY id;
SELECT id, lower(email), upper(email), length(email), coalesce(email, 'none') AS e, nullif(email, '') AS n FROM users ORDER BY id;
SELECT '{"b": 2, "a": 1, "a": 3}'::jsonb, '[1, "x", null, true, 1.50]'::jsonb, '{"k": "v"}'::json;
SELECT '{"a": 1}'::jsonb || '{"b": 2}'::jsonb AS merged;
SELECT 'nope'::jsonb;
SELECT coalesce(NULL, NULL, 3), nullif(1, 1), length('héllo'), upper(NULL);
