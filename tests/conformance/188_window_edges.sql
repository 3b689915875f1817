-- Window and LATERAL edge cases: empty inputs, NULL partitions, aggregates that collect as
-- windows, lag/lead defaults of another type, LATERAL errors.
CREATE TABLE owners (id int PRIMARY KEY, name text);
CREATE TABLE pets (id int PRIMARY KEY, owner_id int REFERENCES owners (id), kind text, weight numeric);
SELECT id, row_number() OVER (), sum(weight) OVER (ORDER BY id) FROM pets;
SELECT count(*) OVER (), string_agg(kind, ',') FROM pets;
INSERT INTO owners VALUES (1, 'ann'), (2, 'bob'), (3, 'cid');
INSERT INTO pets VALUES
    (1, 1, 'cat', 4.5), (2, NULL, 'dog', 20), (3, 1, 'dog', 12.25), (4, 2, 'fish', 0.1),
    (5, NULL, 'cat', NULL), (6, 2, 'cat', 3), (7, 1, NULL, 7);
SELECT id, owner_id, count(*) OVER (PARTITION BY owner_id), row_number() OVER (PARTITION BY owner_id ORDER BY id DESC)
FROM pets;
SELECT id, json_agg(kind) OVER (ORDER BY id), array_agg(id) OVER (PARTITION BY owner_id ORDER BY id ROWS 1 PRECEDING),
       string_agg(kind, '/') OVER (PARTITION BY owner_id) FROM pets;
SELECT id, weight, lag(weight, 1, 0) OVER (ORDER BY id), lead(weight, 1, -1.5) OVER (ORDER BY id),
       lag(kind, 2) OVER (ORDER BY id) FROM pets;
SELECT id, min(weight) OVER w, max(weight) OVER w, avg(weight) OVER w, count(weight) OVER w
FROM pets WINDOW w AS (ORDER BY weight NULLS FIRST ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING);
SELECT kind, count(*), row_number() OVER (ORDER BY count(*) DESC, kind) FROM pets GROUP BY kind;
SELECT o.name, p.kind FROM owners o, LATERAL (SELECT kind FROM pets WHERE owner_id = o.id AND kind IS NOT NULL ORDER BY kind LIMIT 1) p;
SELECT o.name, p.n FROM owners o LEFT JOIN LATERAL (SELECT count(*) AS n FROM pets WHERE owner_id = o.id AND weight > 5) p ON p.n > 0;
SELECT o.name, p.id FROM owners o RIGHT JOIN LATERAL (SELECT id FROM pets WHERE owner_id = o.id) p ON true;
SELECT * FROM (SELECT id, kind FROM pets ORDER BY id DESC LIMIT 3) p;
SELECT p.k, count(*) FROM (SELECT coalesce(kind, 'none') AS k FROM pets) p GROUP BY p.k ORDER BY 1;
SELECT id, bool_and(weight > 1) OVER (ORDER BY id), bool_or(kind = 'fish') OVER () FROM pets;
