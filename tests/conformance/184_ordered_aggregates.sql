-- string_agg / array_agg / json(b)_agg / json(b)_object_agg with ORDER BY and DISTINCT.
CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (
    id int PRIMARY KEY,
    author_id int NOT NULL REFERENCES authors (id),
    title text,
    year int,
    price numeric,
    meta jsonb
);
INSERT INTO authors VALUES (1, 'Le Guin'), (2, 'Banks'), (3, 'Nobody');
INSERT INTO books VALUES
    (1, 1, 'Earthsea', 1968, 9.5, '{"series": true}'),
    (2, 1, 'The Dispossessed', 1974, 12, NULL),
    (3, 2, 'Excession', 1996, 11, '{"series": true, "n": 5}'),
    (4, 2, 'Use of Weapons', 1990, NULL, '[1, "two"]'),
    (5, 1, 'Lathe of Heaven', 1971, 8, '"x"'),
    (6, 2, 'Consider Phlebas', 1987, 11, NULL);
SELECT a.name, string_agg(b.title, ', ' ORDER BY b.year), array_agg(b.year ORDER BY b.year DESC)
FROM authors a JOIN books b ON b.author_id = a.id GROUP BY a.name;
SELECT author_id, array_agg(price ORDER BY price NULLS FIRST), array_agg(DISTINCT price),
       string_agg(DISTINCT title, '|')
FROM books GROUP BY author_id ORDER BY author_id;
SELECT json_agg(title ORDER BY id), jsonb_agg(year ORDER BY year), json_agg(meta), jsonb_agg(meta ORDER BY id DESC)
FROM books;
SELECT json_object_agg(title, year ORDER BY id), jsonb_object_agg(title, price) FROM books WHERE id < 5;
SELECT a.name, json_agg(json_build_object('t', b.title) ORDER BY b.id) FROM authors a
JOIN books b ON b.author_id = a.id GROUP BY a.name ORDER BY a.name;
SELECT array_agg(title), string_agg(title, ','), json_agg(title), jsonb_object_agg(title, id)
FROM books WHERE false;
SELECT a.name, array_agg(b.id) FROM authors a LEFT JOIN books b ON b.author_id = a.id
GROUP BY a.name ORDER BY a.name;
SELECT string_agg(title, NULL ORDER BY id) FROM books;
SELECT string_agg(year, ',') FROM books;
SELECT array_agg(DISTINCT title ORDER BY year) FROM books;
SELECT json_object_agg(NULL::text, 1) FROM books;
