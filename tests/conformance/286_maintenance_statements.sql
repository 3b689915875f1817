-- What real migration files and dumps run between their DDL: ANALYZE and VACUUM after a data
-- load, CHECKPOINT, DISCARD, LISTEN/NOTIFY. They change nothing a foreign key sees.
create table authors (id int primary key, name text not null);
create table books (id int primary key, author_id int not null references authors on delete restrict);
insert into authors values (1, 'Le Guin'), (2, 'Lem');
insert into books values (10, 1), (11, 1), (12, 2);
ANALYZE;
ANALYZE authors;
analyze books, authors;
analyze books (author_id);
ANALYZE missing_table;
VACUUM;
VACUUM ANALYZE books;
vacuum (analyze) authors;
vacuum (analyze, verbose false) authors;
vacuum full books;
vacuum freeze analyze books;
vacuum public.nope;
CHECKPOINT;
DISCARD PLANS;
DISCARD SEQUENCES;
DISCARD TEMP;
set statement_timeout = '5s';
show statement_timeout;
DISCARD ALL;
show statement_timeout;
discard everything;
begin;
analyze books;
vacuum books;
rollback;
begin;
discard all;
rollback;
begin;
discard plans;
checkpoint;
commit;
-- Notifications go to listening sessions; none listens to this channel.
LISTEN orders_changed;
NOTIFY books_changed, 'book 10';
notify books_changed;
UNLISTEN orders_changed;
UNLISTEN *;
-- The keys are as they were.
delete from authors where id = 2;
insert into books values (13, 3);
select a.name, count(b.id) from authors a left join books b on b.author_id = a.id group by a.name order by a.name;
