-- View options (PostgreSQL 15): WITH (security_invoker) makes a view read its tables with the
-- privileges and row security of the role that queries it; without it the view reads as its
-- owner. Supabase recommends security_invoker views over tables with row-level security.
create role v_reader;
create table accounts (id int primary key, owner text not null);
create table secrets (id int primary key, account_id int references accounts, owner text, body text);
insert into accounts values (1, 'v_reader'), (2, 'other');
insert into secrets values (1, 1, 'v_reader', 'mine'), (2, 2, 'other', 'theirs');
alter table secrets enable row level security;
create policy own on secrets for select using (owner = current_user);
create view all_secrets as select id, body from secrets;
create view my_secrets with (security_invoker = true) as select id, body from secrets;
create view barrier with (security_barrier) as select id from secrets where id > 0;
create view joined with (security_invoker) as
  select s.id, a.owner as account_owner, s.body from secrets s join accounts a on a.id = s.account_id;
grant select on all_secrets, my_secrets, joined to v_reader;
\d+ my_secrets
\d+ barrier
set role v_reader;
-- the owner's view: every row
select * from all_secrets order by id;
-- the invoker's view: the table's privileges first
select * from my_secrets order by id;
reset role;
grant select on secrets, accounts to v_reader;
set role v_reader;
-- then its row security
select * from my_secrets order by id;
select * from joined order by id;
select * from (select id, body from secrets where owner = current_user) s;
select current_user, s.* from (select id, current_user as inside from secrets) s;
-- the foreign key is checked without row security: the hidden row still counts
reset role;
grant insert on secrets to v_reader;
set role v_reader;
insert into secrets values (3, 2, 'v_reader', 'into an account I cannot see');
insert into secrets values (4, 99, 'v_reader', 'no such account');
reset role;
alter view my_secrets set (security_invoker = false);
\d+ my_secrets
set role v_reader;
select * from my_secrets order by id;
reset role;
alter view my_secrets reset (security_invoker);
alter view my_secrets set (check_option = local, security_barrier = on);
\d+ my_secrets
alter view if exists nosuch set (security_invoker = true);
alter view nosuch set (security_invoker = true);
create view v1 with (check_option = local) as select id from accounts;
\d+ v1
create view v2 as select id from accounts with check option;
\d+ v2
create view bad1 with (check_option = nope) as select id from accounts;
create view bad2 with (security_invoker = maybe) as select 1;
create view bad3 with (nonsense = 1) as select 1;
create view bad4 with (security_invoker = true, security_invoker = false) as select 1;
alter view v1 set (bogus = 1);
alter view v1 reset (bogus);
create view bad5 with (check_option = local) as select 1 as x;
drop owned by v_reader;
drop role v_reader;
