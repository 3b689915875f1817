-- # RESTRICT against NO ACTION
--
-- Both refuse to delete a referenced parent. The difference: NO ACTION looks again at the end
-- of the statement and accepts if another row now supplies the key; RESTRICT does not look.
CREATE TABLE parent_n (id int PRIMARY KEY, k int UNIQUE);
CREATE TABLE child_n (id int PRIMARY KEY, k int REFERENCES parent_n (k) ON UPDATE NO ACTION);
CREATE TABLE parent_r (id int PRIMARY KEY, k int UNIQUE);
CREATE TABLE child_r (id int PRIMARY KEY, k int REFERENCES parent_r (k) ON UPDATE RESTRICT);
INSERT INTO parent_n VALUES (1, 1), (2, 2);
INSERT INTO child_n VALUES (1, 1);
INSERT INTO parent_r VALUES (1, 1), (2, 2);
INSERT INTO child_r VALUES (1, 1);

-- swap the keys in one statement: key 1 still exists when the statement ends
UPDATE parent_n SET k = 3 - k;   -- expect: ok
UPDATE parent_r SET k = 3 - k;   -- expect: error 23503 child_r_k_fkey
SELECT * FROM parent_n ORDER BY id;
