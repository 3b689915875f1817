-- bytea (hex and escape input, hex output), tsvector (normalised as PostgreSQL prints it) and
-- built-in type names written quoted.
CREATE TABLE a (id "uuid" PRIMARY KEY, b bytea, v tsvector, n "int4", t "text");
INSERT INTO a VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\xDEADbeef', 'b a a', 1, 'x');
INSERT INTO a VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', 'ab\\\001', 'b:3 a:2B,1 ''c d''', 2, 'y');
INSERT INTO a VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13', '\xabc', 'x', 3, 'z');
INSERT INTO a VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a14', '\xzz', 'x', 3, 'z');
SELECT * FROM a ORDER BY b;
SELECT b = '\xdeadbeef' AS eq, v::text, b::text FROM a ORDER BY n;
SELECT b = 'x'::text FROM a;
CREATE TABLE "UUID" (x "UUID");
\d a
COPY a TO stdout;
SELECT to_tsvector('simple', 'The quick, brown fox! Jumps over the lazy dog. THE end'),
       to_tsvector('simple', 'abc123 a1 42'), to_tsvector('simple', ''), to_tsvector('simple', 'héllo wörld');
