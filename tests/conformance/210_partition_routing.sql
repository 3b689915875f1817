-- Partitioned tables: PARTITION BY RANGE / LIST, PARTITION OF with bounds and DEFAULT, each
-- row routed to its partition, the parent read through its partitions in bound order.
CREATE TABLE measurements (id int, day date, v numeric) PARTITION BY RANGE (day);
CREATE TABLE m_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE m_2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
INSERT INTO measurements VALUES (1, '2024-03-01', 1.5), (2, '2023-07-01', 2), (3, '2024-01-01', 3);
SELECT * FROM measurements;
SELECT * FROM m_2024;
INSERT INTO measurements VALUES (4, '2022-12-31', 4);
INSERT INTO measurements VALUES (5, NULL, 5);
INSERT INTO m_2023 VALUES (6, '2024-06-01', 6);
CREATE TABLE m_old PARTITION OF measurements FOR VALUES FROM (MINVALUE) TO ('2023-01-01');
CREATE TABLE m_bad PARTITION OF measurements FOR VALUES FROM ('2023-06-01') TO ('2023-09-01');
CREATE TABLE m_empty PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2025-01-01');
INSERT INTO measurements VALUES (4, '2022-12-31', 4);
SELECT * FROM measurements WHERE id > 1;
SELECT count(*), sum(v) FROM measurements;
\d measurements
\d m_2023
\d m_old
\dt
-- LIST with a DEFAULT partition.
CREATE TABLE orders (id int, region text, total int) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('de', 'fr');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');
CREATE TABLE orders_rest PARTITION OF orders DEFAULT;
INSERT INTO orders VALUES (1, 'us', 10), (2, 'fr', 20), (3, 'jp', 30), (4, 'de', 40), (5, NULL, 50);
SELECT * FROM orders;
SELECT * FROM orders_rest;
CREATE TABLE orders_asia PARTITION OF orders FOR VALUES IN ('jp', 'cn');
CREATE TABLE orders_fr PARTITION OF orders FOR VALUES IN ('fr');
CREATE TABLE orders_cn PARTITION OF orders FOR VALUES IN ('cn');
INSERT INTO orders VALUES (6, 'cn', 60);
SELECT o.id, o.region FROM orders o WHERE o.total >= 30 ORDER BY o.id;
\d orders_eu
\d orders_rest
\d orders
DELETE FROM orders WHERE total > 35;
UPDATE orders SET total = total + 1;
SELECT * FROM orders;
