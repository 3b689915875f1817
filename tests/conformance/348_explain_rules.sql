-- EXPLAIN of a statement a rule rewrites: the plan of each query the rewriter makes, a blank
-- line between them; the actions reading OLD join the original's target with its WHERE.
create table authors (id int primary key, name text);
create table books (id int primary key, author_id int references authors, title text);
create table audit (book_id int, what text);
-- a rule that deletes the children first (the shape of PostgreSQL bug #14219)
create rule authors_del as on delete to authors do also delete from books where books.author_id = old.id;
explain (costs off) delete from authors where id = 1;
insert into authors values (1, 'Ann'), (2, 'Bob');
insert into books values (10, 1, 'First'), (11, 2, 'Second');
delete from authors where id = 1;
select * from books order by id;
-- an ALSO rule on UPDATE logging the new value: the action comes first
create rule books_upd as on update to books do also insert into audit values (old.id, new.title);
explain (costs off) update books set title = 'Other' where id = 11;
-- an ALSO rule on INSERT: the original comes first
create rule books_ins as on insert to books do also insert into audit values (new.id, 'added');
explain (costs off) insert into books values (12, 2, 'Third');
-- a rule with its own condition
create rule authors_upd as on update to authors where old.name <> new.name
  do also update books set title = title || '!' where books.author_id = old.id;
explain (costs off) update authors set name = 'Robert' where id = 2;
-- INSTEAD NOTHING: nothing is left to plan
create rule audit_keep as on delete to audit do instead nothing;
explain (costs off) delete from audit;
explain (costs off) delete from audit where book_id = 3;
-- an action on a table with rules of its own is rewritten again
create rule books_del as on delete to books do instead delete from audit where audit.book_id = old.id;
explain (costs off) delete from books where id = 11;
-- the original runs as planned
update authors set name = 'Robert' where id = 2;
select * from books order by id;
select * from audit order by 1, 2;
