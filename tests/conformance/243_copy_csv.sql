CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL, bio text);
CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors(id), title text, price numeric(6,2));
COPY authors FROM stdin WITH (FORMAT csv, HEADER true);
id,name,bio
1,Ursula,"wrote ""Earthsea"""
2,"Le Guin, jr.",
3,Octavia,""
4,Multi,"line one
line two"
\.
SELECT id, name, bio IS NULL AS bio_null, bio FROM authors ORDER BY id;
COPY books (id, author_id, title, price) FROM stdin (FORMAT csv, DELIMITER ';', NULL 'NA');
10;1;A Wizard of Earthsea;9.99
11;2;NA;NA
12;9;Orphan;1.00
\.
SELECT count(*) FROM books;
COPY books FROM stdin (FORMAT csv);
10;1
\.
COPY books FROM stdin (FORMAT csv);
20,1,Kindred,12.50
21,3,"Parable, of the Sower",14
22,1,x,not_a_number
\.
COPY books FROM stdin (FORMAT csv);
30,1,"unterminated
\.
COPY books FROM stdin (FORMAT csv);
31,1
\.
COPY books FROM stdin (FORMAT csv);
32,1,t,1,extra
\.
COPY books FROM stdin CSV HEADER;
id,author_id,title,price
40,1,Legacy syntax,2
\.
COPY books FROM stdin WITH (FORMAT csv, QUOTE '''', ESCAPE '\');
41,1,'it\'s quoted',3
\.
COPY authors TO stdout WITH (FORMAT csv, HEADER);
COPY books TO stdout (FORMAT csv, DELIMITER '|', NULL 'NULL', QUOTE '''');
COPY authors (name, id) TO stdout WITH (FORMAT text, DELIMITER ',');
COPY authors TO stdout WITH (FORMAT text, HEADER true);
COPY authors FROM stdin WITH (FORMAT text, DELIMITER ',', NULL '');
5,Ann,
\.
SELECT * FROM authors WHERE id = 5;
COPY authors FROM stdin WITH (FORMAT text, QUOTE '"');
COPY authors TO stdout WITH (FORMAT csv, DELIMITER ',', QUOTE ',');
