-- Privileges and foreign keys: making a key needs REFERENCES on the referenced table (or on
-- each referenced column); the checks the key's triggers run, run as the owner of the table
-- they read, whoever changed the rows, so an owner that revoked its own rights breaks them
create role c320_alice;
create role c320_bob;
grant create on schema public to c320_alice, c320_bob;
create table parent (id int primary key, code text unique, note text);
alter table parent owner to c320_alice;
insert into parent values (1, 'a', 'one'), (2, 'b', 'two'), (3, 'c', 'three');
set role c320_bob;
create table child (id int primary key, p int references parent);
create table child (id int primary key, p int, code text);
alter table child add foreign key (p) references parent;
reset role;
grant references (note) on parent to c320_bob;
set role c320_bob;
alter table child add foreign key (p) references parent;
reset role;
grant references (id, code) on parent to c320_bob;
set role c320_bob;
alter table child add foreign key (p) references parent;
alter table child add foreign key (code) references parent (code) on delete cascade;
insert into child values (1, 1, 'a'), (2, null, 'c');
insert into child values (3, 9, null);
select * from parent;
reset role;
-- bob reads nothing of parent, yet his inserts are checked: the check runs as c320_alice
revoke select on parent from c320_alice;
insert into child values (4, 1, null);
insert into child values (5, null, null);
grant select on parent to c320_alice;
revoke update on parent from c320_alice;
update child set p = 2 where id = 1;
grant update on parent to c320_alice;
update child set p = 2 where id = 1;
-- the actions run as the referencing table's owner, c320_bob
revoke delete on child from c320_bob;
delete from parent where id = 3;
delete from parent where code = 'c';
grant delete on child to c320_bob;
revoke select on child from c320_bob;
delete from parent where id = 3;
grant select on child to c320_bob;
delete from parent where id = 3;
select * from child order by id;
-- a superuser owner holds every right, whatever was revoked
alter table parent owner to postgres;
revoke select on parent from c320_alice;
insert into child values (6, 2, null);
drop table child, parent;
revoke create on schema public from c320_alice, c320_bob;
drop role c320_alice;
drop role c320_bob;
