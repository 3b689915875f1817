-- title: The tenant keeps its posts
-- goal: Posts reference their author by (tenant_id, author_id). When an author is deleted, their
-- goal: posts must stay in the same tenant, with no author.
-- hint: Plain ON DELETE SET NULL clears both columns, and tenant_id is part of the primary key.
-- hint: PostgreSQL 15 lets SET NULL name the columns to clear: ON DELETE SET NULL (author_id).
-- hint: Recreate posts_tenant_id_author_id_fkey with ON DELETE SET NULL (author_id).
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
DELETE FROM users WHERE id = 10;  -- expect: ok
-- the posts stay in their tenant
SELECT count(*) FROM posts WHERE tenant_id = 1;  -- expect: value 3
-- without an author
SELECT count(*) FROM posts WHERE author_id IS NULL;  -- expect: value 2
--- solution
ALTER TABLE posts DROP CONSTRAINT posts_tenant_id_author_id_fkey;
ALTER TABLE posts ADD CONSTRAINT posts_tenant_id_author_id_fkey
  FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL (author_id);
--- wrong
ALTER TABLE posts DROP CONSTRAINT posts_tenant_id_author_id_fkey;
ALTER TABLE posts ADD CONSTRAINT posts_tenant_id_author_id_fkey
  FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL;
