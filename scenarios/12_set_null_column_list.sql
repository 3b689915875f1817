-- # SET NULL on part of a composite key
--
-- PostgreSQL 15 lets ON DELETE SET NULL name the columns to clear. In a multi-tenant schema the
-- tenant stays and only the author goes, so the row keeps its tenant.
CREATE TABLE tenants (id int PRIMARY KEY);
CREATE TABLE users (tenant_id int REFERENCES tenants, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE posts (
  tenant_id int REFERENCES tenants,
  id int,
  author_id int,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL (author_id)
);
INSERT INTO tenants VALUES (1);
INSERT INTO users VALUES (1, 10);
INSERT INTO posts VALUES (1, 100, 10);
DELETE FROM users WHERE id = 10;   -- expect: ok
SELECT * FROM posts;

-- without the list, SET NULL would clear tenant_id too, which is part of the primary key
CREATE TABLE comments (
  tenant_id int, id int, author_id int,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, author_id) REFERENCES users ON DELETE SET NULL
);
INSERT INTO users VALUES (1, 11);
INSERT INTO comments VALUES (1, 1, 11);
DELETE FROM users WHERE id = 11;   -- expect: error 23502
