-- Window frames: ROWS, RANGE and GROUPS, with offsets, peers and the default frame.
CREATE TABLE accounts (id int PRIMARY KEY, owner text);
CREATE TABLE ledger (
    id int PRIMARY KEY,
    account_id int NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    amount int,
    booked int
);
INSERT INTO accounts VALUES (1, 'ann'), (2, 'bob');
INSERT INTO ledger VALUES
    (1, 1, 10, 1), (2, 1, 20, 2), (3, 1, 20, 2), (4, 1, -5, 4), (5, 1, 7, 7),
    (6, 2, 3, 1), (7, 2, NULL, 3), (8, 2, 8, 3), (9, 2, 1, 9), (10, 2, 4, 10);
SELECT id, booked, amount, sum(amount) OVER (PARTITION BY account_id ORDER BY booked) AS running
FROM ledger;
SELECT id, booked, sum(amount) OVER (PARTITION BY account_id ORDER BY booked
    ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM ledger;
SELECT id, booked, sum(amount) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING),
       count(amount) OVER (ORDER BY id ROWS 2 PRECEDING) FROM ledger;
SELECT id, booked, count(*) OVER (ORDER BY booked RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING),
       sum(amount) OVER (ORDER BY booked RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING) FROM ledger;
SELECT id, booked, count(*) OVER (ORDER BY booked DESC RANGE BETWEEN 2 PRECEDING AND CURRENT ROW)
FROM ledger;
SELECT id, booked, count(*) OVER (ORDER BY booked GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW),
       string_agg(id::text, ',') OVER (ORDER BY booked GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING)
FROM ledger;
SELECT id, first_value(id) OVER w, last_value(id) OVER w, max(amount) OVER w
FROM ledger WINDOW w AS (PARTITION BY account_id ORDER BY booked ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING);
SELECT id, amount, sum(amount) OVER (ORDER BY amount RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
FROM ledger;
SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 4 FOLLOWING) FROM ledger;
SELECT id, sum(id) OVER (ORDER BY id ROWS -1 PRECEDING) FROM ledger;
SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM ledger;
SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM ledger;
SELECT id, sum(id) OVER (ORDER BY id GROUPS 1 PRECEDING), sum(id) OVER (GROUPS 1 PRECEDING) FROM ledger;
SELECT id, sum(id) OVER (RANGE 1 PRECEDING) FROM ledger;
SELECT id, sum(id) OVER (ORDER BY id, booked RANGE 1 PRECEDING) FROM ledger;
