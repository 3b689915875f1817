-- Data-modifying WITH queries: WITH moved AS (DELETE ... RETURNING *) INSERT ..., and friends.
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, status text);
CREATE TABLE archive (id int PRIMARY KEY, customer_id int, status text);
INSERT INTO orders VALUES (1, 1, 'done'), (2, 1, 'open'), (3, 2, 'done'), (4, 3, 'done');
WITH moved AS (DELETE FROM orders WHERE status = 'done' RETURNING *) INSERT INTO archive SELECT * FROM moved;
SELECT * FROM orders;
SELECT * FROM archive;
WITH up AS (UPDATE orders SET status = 'closed' WHERE id = 2 RETURNING id, status) SELECT * FROM up;
WITH gone AS (DELETE FROM archive WHERE customer_id = 1 RETURNING id), n AS (SELECT count(*) AS c FROM gone) SELECT c FROM n;
WITH ins AS (INSERT INTO orders VALUES (5, 9, 'new') RETURNING id) UPDATE archive SET status = 'seen' WHERE id IN (SELECT id + 0 FROM archive) RETURNING *;
WITH d AS (DELETE FROM archive) SELECT 1;
SELECT * FROM orders ORDER BY id;
