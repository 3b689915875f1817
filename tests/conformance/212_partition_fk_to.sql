-- A foreign key referencing a partitioned table: the insert looks the key up in whichever
-- partition holds it and names the partitioned table; a delete or key change in a partition
-- is checked through the copy PostgreSQL makes of the constraint for that partition, named
-- like a new key of the referencing table (fk_a_fkey1, ...), and the error names the partition.
CREATE TABLE products (sku int, kind text, PRIMARY KEY (sku)) PARTITION BY RANGE (sku);
CREATE TABLE products_lo PARTITION OF products FOR VALUES FROM (0) TO (100);
CREATE TABLE products_hi PARTITION OF products FOR VALUES FROM (100) TO (1000);
INSERT INTO products VALUES (5, 'bolt'), (150, 'gear'), (7, 'nut'), (999, 'axle');
CREATE TABLE order_lines (id int PRIMARY KEY, sku int REFERENCES products);
INSERT INTO order_lines VALUES (1, 5), (2, 150), (3, 5);
INSERT INTO order_lines VALUES (4, 42);
INSERT INTO order_lines VALUES (5, 5000);
DELETE FROM products WHERE sku = 150;
DELETE FROM products_lo WHERE sku = 5;
UPDATE products SET sku = 6 WHERE sku = 5;
DELETE FROM products WHERE sku IN (7, 999);
SELECT * FROM products;
\d products
\d products_hi
\d order_lines
-- A partition added later is covered too (the next free name).
CREATE TABLE products_top PARTITION OF products FOR VALUES FROM (1000) TO (MAXVALUE);
INSERT INTO products VALUES (1500, 'crane');
INSERT INTO order_lines VALUES (6, 1500);
DELETE FROM products WHERE sku = 1500;
-- CASCADE and SET NULL from a partitioned referenced table, and both sides partitioned.
CREATE TABLE stock (sku int REFERENCES products ON DELETE CASCADE ON UPDATE CASCADE, qty int);
CREATE TABLE tags (sku int REFERENCES products ON DELETE SET NULL, tag text)
    PARTITION BY LIST (tag);
CREATE TABLE tags_x PARTITION OF tags FOR VALUES IN ('x');
CREATE TABLE tags_y PARTITION OF tags FOR VALUES IN ('y');
INSERT INTO products VALUES (20, 'pin');
INSERT INTO stock VALUES (20, 1), (150, 2), (20, 3);
INSERT INTO tags VALUES (20, 'x'), (150, 'y'), (20, 'y');
INSERT INTO tags VALUES (21, 'x');
UPDATE products SET sku = 21 WHERE sku = 20;
SELECT * FROM stock;
DELETE FROM products WHERE sku = 21;
SELECT * FROM stock;
SELECT * FROM tags;
\d tags
\d tags_x
-- Detaching a referenced partition with referencing rows fails; without them it works.
ALTER TABLE products DETACH PARTITION products_hi;
ALTER TABLE products DETACH PARTITION products_top;
\d products_top
INSERT INTO order_lines VALUES (7, 1500);
SELECT * FROM products;
