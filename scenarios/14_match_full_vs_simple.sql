-- # MATCH FULL against MATCH SIMPLE
--
-- With a composite key, MATCH SIMPLE (the default) skips the check as soon as one column is
-- NULL, so half-filled keys slip through. MATCH FULL accepts all-NULL or all-set, nothing between.
CREATE TABLE regions (country text, code text, PRIMARY KEY (country, code));
CREATE TABLE shops_simple (id int PRIMARY KEY, country text, code text, FOREIGN KEY (country, code) REFERENCES regions);
CREATE TABLE shops_full (id int PRIMARY KEY, country text, code text, FOREIGN KEY (country, code) REFERENCES regions MATCH FULL);
INSERT INTO regions VALUES ('NL', 'AMS');

INSERT INTO shops_simple VALUES (1, 'NL', NULL);     -- expect: ok
INSERT INTO shops_simple VALUES (2, 'XX', 'YYY');    -- expect: error 23503 shops_simple_country_code_fkey
INSERT INTO shops_full VALUES (1, 'NL', NULL);       -- expect: error 23503 shops_full_country_code_fkey
INSERT INTO shops_full VALUES (2, NULL, NULL);       -- expect: ok
INSERT INTO shops_full VALUES (3, 'NL', 'AMS');      -- expect: ok
