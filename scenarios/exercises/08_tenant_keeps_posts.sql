-- title: The tenant keeps its posts
-- goal: Posts reference their author by (tenant_id, author_id). When an author is deleted, their
-- goal: posts must stay in the same tenant, with no author.
-- hint: Plain ON DELETE SET NULL clears both columns, and tenant_id is part of the primary key.
-- hint: PostgreSQL 15 lets SET NULL name the columns to clear: ON DELETE SET NULL (author_id).
-- hint: Recreate posts_tenant_id_author_id_fkey with ON DELETE SET NULL (author_id), in one ALTER TABLE (DROP CONSTRAINT ..., ADD CONSTRAINT ...).
--- setup
CREATE TABLE tenants (id int PRIMARY KEY);
CREATE TABLE users (tenant_id int REFERENCES tenants, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE posts (
  tenant_id int REFERENCES tenants,
  id int,
  author_id int,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, author_id) REFERENCES users
);
INSERT INTO tenants VALUES (1);
INSERT INTO users VALUES (1, 10), (1, 11);
INSERT INTO posts VALUES (1, 100, 10), (1, 101, 10), (1, 102, 11);
--- check
-- deleting an author works
INSERT INTO tenants VALUES (5);
INSERT INTO users VALUES (5, 50), (5, 51);
INSERT INTO posts VALUES (5, 500, 50), (5, 501, 50), (5, 502, 51);
DELETE FROM users WHERE tenant_id = 5 AND id = 50;  -- expect: ok
-- the posts stay in their tenant, without an author
SELECT count(*) FROM posts WHERE tenant_id = 5 AND id IN (500, 501) AND author_id IS NULL;  -- expect: value 2
-- the other author's post keeps its author
SELECT author_id FROM posts WHERE tenant_id = 5 AND id = 502;  -- expect: value 51
-- a post still cannot name an author who does not exist in its tenant
INSERT INTO posts VALUES (5, 503, 10);  -- expect: error 23503
--- solution
ALTER TABLE posts
  DROP CONSTRAINT posts_tenant_id_author_id_fkey,
  ADD CONSTRAINT posts_tenant_id_author_id_fkey
    FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL (author_id);
--- alternative
ALTER TABLE posts
  DROP CONSTRAINT posts_tenant_id_author_id_fkey,
  ADD CONSTRAINT posts_author_fk FOREIGN KEY (tenant_id, author_id)
    REFERENCES users (tenant_id, id) ON DELETE SET NULL (author_id);
--- alternative
CREATE FUNCTION keep_posts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE posts SET author_id = NULL WHERE tenant_id = OLD.tenant_id AND author_id = OLD.id;
  RETURN OLD;
END;
$$;
CREATE TRIGGER users_keep_posts BEFORE DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION keep_posts();
--- wrong
ALTER TABLE posts DROP CONSTRAINT posts_tenant_id_author_id_fkey;
ALTER TABLE posts ADD CONSTRAINT posts_tenant_id_author_id_fkey
  FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL;
--- wrong
ALTER TABLE posts DROP CONSTRAINT posts_tenant_id_author_id_fkey;
--- data-only
UPDATE posts SET author_id = NULL WHERE author_id = 10;
DELETE FROM users WHERE id = 10;
