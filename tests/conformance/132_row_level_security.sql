-- Row-level security for a role other than the owner: policies filter what it reads and
-- check what it writes; referential checks are not subject to row security
create role c140_member;
create role c140_outsider;
create table accounts (id int primary key, owner_name text not null, balance int not null default 0);
create table notes (id int primary key, account_id int references accounts on delete cascade, body text);
create table ledger (id int primary key, account_id int not null references accounts, amount int);
insert into accounts values (1, 'c140_member', 10), (2, 'someone_else', 20), (3, 'c140_member', 30);
insert into notes values (10, 1, 'mine'), (20, 2, 'theirs'), (30, 1, 'also mine');
insert into ledger values (1, 3, 100);
alter table accounts enable row level security;
alter table notes enable row level security;
alter table ledger enable row level security;
create policy own_accounts on accounts for select to c140_member using (owner_name = current_user);
create policy add_own on accounts for insert to c140_member with check (owner_name = current_user);
create policy upd_own on accounts for update to c140_member using (owner_name = current_user) with check (balance >= 0);
create policy del_own on accounts as permissive for delete to c140_member using (owner_name = current_user);
create policy no_big on accounts as restrictive for insert to c140_member with check (balance < 1000);
create policy read_notes on notes for all to c140_member using (true);
grant select, insert, update, delete on accounts, notes, ledger to c140_member;
set role c140_member;
select current_user, session_user;
select * from accounts order by id;
select count(*) from accounts;
insert into accounts values (4, 'c140_member', 5);
insert into accounts values (5, 'someone_else', 5);
insert into accounts values (6, 'c140_member', 5000);
update accounts set balance = balance + 1;
update accounts set balance = -1 where id = 1;
update accounts set balance = 99 where id = 2;
delete from accounts where id = 2;
select * from accounts order by id;
-- a note referencing an account this role cannot see: the key check is not subject to row security
insert into notes values (21, 2, 'on a hidden parent');
-- a key that does not exist at all
insert into notes values (22, 99, 'orphan');
select n.id, n.body, a.owner_name from notes n left join accounts a on a.id = n.account_id order by n.id;
-- deleting an account whose children the role cannot see still meets them
create policy hide_ledger on ledger for select to c140_member using (false);
delete from accounts where id = 3;
-- cascades reach rows the role cannot see too
delete from accounts where id = 1;
reset role;
select * from accounts order by id;
select * from notes order by id;
select * from ledger;
set role c140_outsider;
select * from accounts;
reset role;
begin;
set local role c140_member;
show role;
commit;
show role;
set role nobody_c140;
alter table accounts force row level security;
select count(*) from accounts;
drop table ledger, notes, accounts;
drop role c140_member;
drop role c140_outsider;
