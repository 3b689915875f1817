-- Partitions whose columns are in another order than their parent's (attached tables made
-- so, or with columns dropped since): rows, keys and foreign keys match columns by name.
CREATE TABLE account (region text, id int, name text, PRIMARY KEY (region, id));
INSERT INTO account VALUES ('eu', 1, 'ann'), ('eu', 2, 'bob'), ('us', 1, 'cy');
CREATE TABLE payment (id int, region text, account_id int, amount int,
    FOREIGN KEY (region, account_id) REFERENCES account ON DELETE CASCADE ON UPDATE CASCADE)
    PARTITION BY LIST (region);
CREATE TABLE payment_eu (amount int, junk int, account_id int, id int, region text);
ALTER TABLE payment_eu DROP COLUMN junk;
ALTER TABLE payment ATTACH PARTITION payment_eu FOR VALUES IN ('eu');
CREATE TABLE payment_us PARTITION OF payment FOR VALUES IN ('us');
\d payment_eu
INSERT INTO payment VALUES (1, 'eu', 1, 10), (2, 'eu', 2, 20), (3, 'us', 1, 30)
    RETURNING tableoid::regclass, *;
INSERT INTO payment VALUES (4, 'eu', 9, 40);
INSERT INTO payment_eu VALUES (50, 9, 5, 'eu');
INSERT INTO payment_eu (id, region, account_id, amount) VALUES (6, 'us', 1, 60);
SELECT * FROM payment_eu ORDER BY id;
SELECT tableoid::regclass, * FROM payment ORDER BY id;
UPDATE payment SET amount = amount + 1 WHERE id = 1 RETURNING *;
UPDATE payment SET region = 'us', account_id = 1 WHERE id = 2 RETURNING tableoid::regclass, *;
UPDATE account SET id = 11 WHERE region = 'eu' AND id = 1;
SELECT tableoid::regclass, * FROM payment ORDER BY id;
DELETE FROM account WHERE region = 'eu' AND id = 11;
SELECT tableoid::regclass, * FROM payment ORDER BY id;
DELETE FROM payment WHERE id = 3 RETURNING tableoid::regclass, amount, region;
-- a referenced partitioned table with a partition in another order
CREATE TABLE item (id int, kind text, PRIMARY KEY (kind, id)) PARTITION BY LIST (kind);
CREATE TABLE item_book (kind text NOT NULL, note text, id int NOT NULL);
ALTER TABLE item_book DROP COLUMN note;
ALTER TABLE item ATTACH PARTITION item_book FOR VALUES IN ('book');
CREATE TABLE item_cd (LIKE item);
ALTER TABLE item ATTACH PARTITION item_cd FOR VALUES IN ('cd');
\d item_cd
INSERT INTO item VALUES (1, 'book'), (2, 'book'), (1, 'cd');
CREATE TABLE review (kind text, item_id int, FOREIGN KEY (kind, item_id) REFERENCES item);
INSERT INTO review VALUES ('book', 1), ('cd', 1);
INSERT INTO review VALUES ('book', 3);
DELETE FROM item WHERE id = 1 AND kind = 'book';
DELETE FROM item_book WHERE id = 2 RETURNING *;
SELECT * FROM item_book;
ALTER TABLE item DETACH PARTITION item_book;
CREATE TABLE wrong (id int, kind varchar);
ALTER TABLE item ATTACH PARTITION wrong FOR VALUES IN ('dvd');
CREATE TABLE short (id int);
ALTER TABLE item ATTACH PARTITION short FOR VALUES IN ('dvd');
