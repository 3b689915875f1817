-- title: Keep posts when their author leaves
-- goal: Deleting an author must work, and must keep their posts on the site, unattributed.
-- hint: The delete is refused by posts_author_id_fkey (NO ACTION).
-- hint: CASCADE would delete the posts too. You want the link cleared: ON DELETE SET NULL.
-- hint: ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey; then ADD it back with ON DELETE SET NULL.
--- setup
CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES authors, title text NOT NULL);
INSERT INTO authors VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO posts VALUES (10, 1, 'Notes'), (11, 1, 'Engines'), (12, 2, 'Compilers');
--- check
-- deleting an author works
DELETE FROM authors WHERE id = 1;  -- expect: ok
-- their posts are still on the site
SELECT count(*) FROM posts;  -- expect: value 3
-- and no longer attributed to anyone
SELECT count(*) FROM posts WHERE author_id IS NULL;  -- expect: value 2
-- a post still cannot name an author who does not exist
INSERT INTO posts VALUES (13, 42, 'Ghost');  -- expect: error 23503 posts_author_id_fkey
--- solution
ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;
ALTER TABLE posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors ON DELETE SET NULL;
--- wrong
ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;
ALTER TABLE posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors ON DELETE CASCADE;
