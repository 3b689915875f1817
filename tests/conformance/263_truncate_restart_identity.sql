-- TRUNCATE ... RESTART IDENTITY restarts the sequences the tables' serial and identity
-- columns own (CONTINUE IDENTITY, the default, does not); with CASCADE the referencing
-- tables' too; a rollback returns the sequences to where they were.
create table authors (id serial primary key, name text);
create table books (id int generated always as identity primary key, author_id int references authors, title text);
create table extra (n bigserial, label text);
insert into authors (name) values ('a'), ('b');
insert into books (author_id, title) values (1, 'x'), (2, 'y');
insert into extra (label) values ('e');
truncate authors restart identity;
truncate authors, books restart identity;
insert into authors (name) values ('c') returning id;
insert into books (author_id, title) values (1, 'z') returning id;
insert into authors (name) values ('d');
insert into books (author_id, title) values (2, 'w');
truncate authors restart identity cascade;
insert into authors (name) values ('e') returning id;
insert into books (author_id, title) values (1, 'v') returning *;
truncate extra continue identity;
insert into extra (label) values ('f') returning *;
truncate table extra restart identity;
insert into extra (label) values ('g') returning *;
select * from authors;
begin;
insert into authors (name) values ('h');
truncate authors restart identity cascade;
insert into authors (name) values ('i') returning id;
rollback;
insert into authors (name) values ('j') returning id;
truncate books;
insert into books (author_id, title) values (1, 'u') returning id;
