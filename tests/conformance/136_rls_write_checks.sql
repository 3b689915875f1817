-- Row security on the rows a statement writes: WITH CHECK of the command's policies, and the
-- SELECT policies too when it reads them back (RETURNING, UPDATE ... WHERE); FOR ALL without USING
create role c136_r;
create table t (id int, v int, owner text default current_user);
insert into t values (1, 1, 'x'), (2, 20, 'c136_r');
alter table t enable row level security;
create policy sel on t for select to c136_r using (owner = current_user);
create policy ins on t for insert to c136_r with check (v < 100);
create policy upd on t for update to c136_r using (true) with check (v < 100);
create policy p_all on t for all to c136_r with check (v < 10);
grant all on t to c136_r;
set role c136_r;
select * from t;
insert into t values (3, 3);
insert into t values (4, 4, 'someone') returning id;
insert into t values (5, 5, 'someone');
update t set v = 5 where id = 1;
update t set v = 6 returning *;
update t set owner = 'gone';
reset role;
select * from t order by id;
drop table t;
drop role c136_r;
