-- psql's \copy: the client-side COPY, its data lines from the script (FROM stdin) or to
-- standard output; a row breaking a foreign key fails the whole \copy.
create table authors (id int primary key, name text not null);
create table books (
  id int primary key,
  author_id int references authors on delete cascade,
  title text
);
\copy authors from stdin
1	Ann
2	Bob
\.
\copy books (id, author_id, title) from stdin with (format csv)
10,1,First
11,2,"Second, revised"
\.
-- one orphan: nothing of this \copy stays
\copy books from stdin
12	1	Third
13	7	Orphan
\.
\copy books from stdin
14	x	Bad number
\.
select * from books;
\copy books to stdout
\copy books (title, author_id) to stdout with csv header
\copy (select a.name, count(b.id) from authors a left join books b on b.author_id = a.id group by a.name order by a.name) to stdout with (format csv)
delete from authors where id = 2;
\copy (select * from books order by id) to stdout
-- a relation that is not there: the lines after it are SQL again
\copy nowhere from stdin
select count(*) from books;
\copy authors from '/nonexistent/authors.txt'
\copy authors from
\copy authors
begin;
\copy authors from stdin
3	Cy
3	Cy again
\.
rollback;
\copy authors to stdout
