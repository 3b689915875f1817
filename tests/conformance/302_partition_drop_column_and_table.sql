-- DROP COLUMN on a partitioned table reaches its partitions; a partition of a referenced
-- partitioned table cannot be dropped while the key onto the tree exists; SET CONSTRAINTS
-- defers the key's copies on the partitions too.
CREATE TABLE orders (id int, region text, legacy int, note text, PRIMARY KEY (region, id))
    PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us') PARTITION BY RANGE (id);
CREATE TABLE orders_us_low PARTITION OF orders_us FOR VALUES FROM (0) TO (100);
INSERT INTO orders VALUES (1, 'eu', 7, 'a'), (2, 'us', 8, 'b');
ALTER TABLE orders_eu DROP COLUMN legacy;
ALTER TABLE orders DROP COLUMN region;
ALTER TABLE orders_us DROP COLUMN id;
ALTER TABLE orders DROP COLUMN legacy;
\d orders_us_low
SELECT * FROM orders ORDER BY id;
CREATE TABLE shipment (region text, order_id int,
    FOREIGN KEY (region, order_id) REFERENCES orders DEFERRABLE);
INSERT INTO shipment VALUES ('eu', 1), ('us', 2);
ALTER TABLE orders DROP COLUMN note;
SELECT * FROM orders ORDER BY id;
DROP TABLE orders_eu;
DROP TABLE orders_us;
DROP TABLE orders_us_low;
DROP TABLE orders_eu, orders_us;
DELETE FROM shipment;
DROP TABLE orders_us_low;
ALTER TABLE orders_us DETACH PARTITION orders_us_low;
DROP TABLE orders_us_low;
BEGIN;
SET CONSTRAINTS shipment_region_order_id_fkey DEFERRED;
INSERT INTO shipment VALUES ('eu', 5);
INSERT INTO orders VALUES (5, 'eu');
DELETE FROM orders WHERE id = 1;
INSERT INTO shipment VALUES ('eu', 1);
COMMIT;
BEGIN;
SET CONSTRAINTS shipment_region_order_id_fkey DEFERRED;
DELETE FROM orders_eu WHERE id = 5;
DELETE FROM shipment WHERE order_id = 5;
COMMIT;
SELECT * FROM shipment;
DROP TABLE orders_eu CASCADE;
\d shipment
INSERT INTO shipment VALUES ('xx', 99);
