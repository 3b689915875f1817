-- inet and cidr keys: the network types reference each other (cidr is inet underneath), and
-- nothing else; values are checked on input and printed in PostgreSQL's form.
CREATE TABLE hosts (addr inet PRIMARY KEY, net cidr UNIQUE);
INSERT INTO hosts VALUES ('10.0.0.1', '10.0.0.0/8'), ('192.168.1.5/24', '192.168.1.0/24'), ('::1', '2001:db8::/32');
INSERT INTO hosts VALUES ('10.0.0.1/32', '10.1.0.0/16');
INSERT INTO hosts VALUES ('300.1.1.1', '10.2.0.0/16');
INSERT INTO hosts VALUES ('10.0.0.9', '10.0.0.1/8');
INSERT INTO hosts VALUES ('10.0.0.9', 'nonsense');
SELECT * FROM hosts WHERE addr = '10.0.0.1';
CREATE TABLE logins (who inet REFERENCES hosts, via cidr REFERENCES hosts (net), via_host cidr REFERENCES hosts (addr));
INSERT INTO logins VALUES ('10.0.0.1', '10.0.0.0/8', NULL);
INSERT INTO logins VALUES ('10.0.0.2', NULL, NULL);
INSERT INTO logins VALUES (NULL, '10.9.0.0/16', NULL);
INSERT INTO logins VALUES ('::1', '2001:db8::/32', '192.168.1.5/32');
DELETE FROM hosts WHERE addr = '::1';
CREATE TABLE bad1 (who int REFERENCES hosts);
CREATE TABLE bad2 (who text REFERENCES hosts);
CREATE TABLE bad3 (id int PRIMARY KEY);
CREATE TABLE bad4 (id cidr REFERENCES bad3);
SELECT '1.2.3.4'::inet, '1.2.3.0/24'::cidr, '::ffff:1.2.3.4'::inet, 'fe80::1/64'::inet;
SELECT * FROM logins;
