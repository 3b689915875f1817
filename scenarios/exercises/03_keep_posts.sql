-- title: Keep posts when their author leaves
-- goal: Deleting an author must work, and must keep their posts on the site, unattributed.
-- hint: The delete is refused by posts_author_id_fkey (NO ACTION).
-- hint: CASCADE would delete the posts too. You want the link cleared: ON DELETE SET NULL.
-- hint: Recreate the key in one statement: ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey, ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY ... ON DELETE SET NULL.
--- setup
CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES authors, title text NOT NULL);
INSERT INTO authors VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO posts VALUES (10, 1, 'Notes'), (11, 1, 'Engines'), (12, 2, 'Compilers');
--- check
-- deleting an author works
INSERT INTO authors VALUES (501, 'Barbara');
INSERT INTO posts VALUES (501, 501, 'Abstraction'), (502, 501, 'Clusters');
DELETE FROM authors WHERE id = 501;  -- expect: ok
-- their posts are still on the site, no longer attributed to anyone
SELECT count(*) FROM posts WHERE id IN (501, 502) AND author_id IS NULL;  -- expect: value 2
-- the other authors' posts keep their author
SELECT count(*) FROM posts WHERE author_id = 2;  -- expect: value 1
-- a post still cannot name an author who does not exist
INSERT INTO posts VALUES (503, 999, 'Ghost');  -- expect: error 23503
--- solution
ALTER TABLE posts
  DROP CONSTRAINT posts_author_id_fkey,
  ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors ON DELETE SET NULL;
--- alternative
ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;
ALTER TABLE posts ADD FOREIGN KEY (author_id) REFERENCES authors ON DELETE SET NULL (author_id);
--- alternative
ALTER TABLE posts
  DROP CONSTRAINT posts_author_id_fkey,
  ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES authors ON DELETE SET NULL;
--- wrong
ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;
ALTER TABLE posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors ON DELETE CASCADE;
--- wrong
ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey;
--- data-only
UPDATE posts SET author_id = NULL WHERE author_id = 1;
DELETE FROM authors WHERE id = 1;
