-- An upsert's row meets its NOT NULL and CHECK constraints before the arbiter looks for a
-- conflict: a conflicting row that breaks them fails even with DO NOTHING.
CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL CHECK (qty >= 0), note text);
INSERT INTO items VALUES (1, 5, 'a'), (2, 3, 'b');
INSERT INTO items VALUES (1, NULL, 'x') ON CONFLICT (id) DO NOTHING;
INSERT INTO items VALUES (2, -1, 'y') ON CONFLICT (id) DO UPDATE SET note = EXCLUDED.note;
INSERT INTO items VALUES (1, 0, 'z') ON CONFLICT (id) DO NOTHING;
INSERT INTO items VALUES (2, 7, 'w') ON CONFLICT (id) DO UPDATE SET note = EXCLUDED.note;
SELECT * FROM items ORDER BY id;
