-- The JSON set-returning functions, in the select list and in FROM.
CREATE TABLE docs (id int PRIMARY KEY, j jsonb, raw json);
INSERT INTO docs VALUES
  (1, '[1, "a", null, {"b": 2}, [3, 4], 1.50, true]', '[ {"a" : 1,  "b":[1, 2]} , "x", null, 2.50 ]'),
  (2, '{"b": 1, "a": 2, "aa": 3}', '{"b": 1, "a": 2, "b": 3}'),
  (3, '[]', '[]'),
  (4, NULL, NULL);

SELECT jsonb_array_elements('[1, "a", null, {"b": 2}]');
SELECT jsonb_array_elements_text('[1, "a", null, {"b": 2}, "q\"uote"]');
SELECT jsonb_object_keys('{"b": 1, "a": 2, "aa": 3}');
SELECT json_array_elements('[1, "a" ,null]');
SELECT json_array_elements_text('[ {"a" : 1} , "x", null, true ]');
SELECT json_object_keys('{"b": 1, "a": 2, "b": 3}');

-- Over each row; an empty array or NULL makes no rows for it.
SELECT id, jsonb_array_elements(j) AS e FROM docs WHERE id IN (1, 3, 4);
SELECT id, jsonb_array_elements_text(j) FROM docs WHERE id <> 2;
SELECT id, jsonb_object_keys(j) FROM docs WHERE id = 2;
SELECT id, json_array_elements(raw), json_array_elements_text(raw) FROM docs WHERE id = 1;
SELECT id, json_object_keys(raw) FROM docs WHERE id = 2;
SELECT jsonb_array_elements('[]'), 1;
SELECT jsonb_object_keys('{}'), 1;

-- In lockstep with other SRFs, and inside expressions.
SELECT generate_series(1, 3) AS n, jsonb_array_elements_text('["a", "b"]') AS letter;
SELECT upper(jsonb_array_elements_text('["a", "b"]')) AS up;
SELECT jsonb_array_elements('[{"k": 1}, {"k": 2}]') -> 'k' AS k;
SELECT jsonb_array_elements('[{"k": 1}, {"k": 2}]') ->> 'k' AS k;
SELECT jsonb_object_keys(jsonb_array_elements('[{"x": 1, "y": 2}, {"z": 3}]'));
SELECT count(*), jsonb_object_keys('{"p": 1, "q": 2}') FROM docs;

-- In FROM: the element functions name their column value.
SELECT * FROM jsonb_array_elements('[1, 2]');
SELECT * FROM jsonb_array_elements_text('[1, "two"]') AS x;
SELECT x.value FROM jsonb_array_elements('[true]') AS x;
SELECT * FROM jsonb_array_elements('[1, 2]') AS x(v);
SELECT * FROM jsonb_object_keys('{"a": 1, "bb": 2}') k;
SELECT * FROM jsonb_object_keys('{"a": 1}');
SELECT * FROM json_array_elements('[1, {"a":2}]');
SELECT * FROM json_object_keys('{"a": 1, "a": 2}') AS k(key);

-- Feeding INSERT.
CREATE TABLE tags (tag text PRIMARY KEY);
INSERT INTO tags SELECT jsonb_array_elements_text('["red", "green", "blue"]');
INSERT INTO tags SELECT jsonb_object_keys(j) FROM docs WHERE id = 2;
SELECT * FROM tags ORDER BY tag;
INSERT INTO tags SELECT jsonb_array_elements_text('["x", null]');

-- Errors: the wrong JSON shape, the wrong argument type.
SELECT jsonb_array_elements('{"a": 1}');
SELECT jsonb_array_elements_text('5');
SELECT jsonb_object_keys('[1]');
SELECT jsonb_object_keys('3');
SELECT json_array_elements('{}');
SELECT json_array_elements_text('5');
SELECT json_object_keys('[]');
SELECT json_object_keys('"s"');
SELECT id, jsonb_object_keys(j) FROM docs;
SELECT jsonb_array_elements('[1, 2]'::json);
SELECT jsonb_array_elements(id) FROM docs;
SELECT json_array_elements(j) FROM docs;
SELECT jsonb_array_elements('[1, 2');
SELECT jsonb_object_keys();
