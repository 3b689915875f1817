-- json_agg / jsonb_agg / json(b)_object_agg over each kind of value, per parent row.
CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);
CREATE TABLE events (
    id int PRIMARY KEY,
    user_id int NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    happened date,
    ok boolean,
    score double precision,
    payload json,
    label varchar(10)
);
INSERT INTO users VALUES (1, 'a@x'), (2, 'b@x'), (3, 'c@x');
INSERT INTO events VALUES
    (1, 1, '2024-01-02', true, 1.5, '{"b": 1,  "a": [1, 2]}', 'say "hi"'),
    (2, 1, '2024-02-03', false, NULL, '[true]', NULL),
    (3, 2, '2024-03-04', NULL, -0.25, 'null', 'tab	x'),
    (4, 2, NULL, true, 3, '{"k": "v"}', 'b\c');
SELECT user_id, json_agg(happened ORDER BY id), jsonb_agg(ok ORDER BY id), json_agg(score ORDER BY id)
FROM events GROUP BY user_id ORDER BY user_id;
SELECT json_agg(payload ORDER BY id), jsonb_agg(payload ORDER BY id) FROM events;
SELECT json_agg(label ORDER BY id), jsonb_object_agg(label, id) FILTER (WHERE label IS NOT NULL) FROM events;
SELECT json_object_agg(id, payload ORDER BY id), json_object_agg(label, ok) FILTER (WHERE label IS NOT NULL)
FROM events;
SELECT u.email, coalesce(json_agg(e.id ORDER BY e.id) FILTER (WHERE e.id IS NOT NULL), '[]') AS ids
FROM users u LEFT JOIN events e ON e.user_id = u.id GROUP BY u.email ORDER BY u.email;
SELECT array_agg(label ORDER BY id), array_agg(happened ORDER BY id), array_agg(ok ORDER BY id) FROM events;
SELECT string_agg(label, ' + ' ORDER BY label DESC NULLS FIRST) FROM events;
