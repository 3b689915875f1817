-- STABLE helper functions called with each row's values, in policies and queries: called once
-- per distinct argument list
create role c142_member;
create table c142_members (team_id int, member text, primary key (team_id, member));
create table c142_docs (id int primary key, team_id int not null, title text);
insert into c142_members values (1, 'c142_member'), (2, 'someone');
insert into c142_docs values (1, 1, 'ours'), (2, 2, 'theirs'), (3, 1, 'ours too');
create function c142_is_member(t int) returns boolean language plpgsql stable
  set search_path = public as $$
begin
  return exists (select 1 from c142_members where team_id = t and member = current_user);
end $$;
create function c142_team_size(t int) returns bigint language sql stable
  as $$ select count(*) from c142_members where team_id = t $$;
alter table c142_docs enable row level security;
create policy team_read on c142_docs for select to c142_member using (c142_is_member(team_id));
create policy team_write on c142_docs for insert to c142_member with check (c142_is_member(team_id));
grant select, insert on c142_docs to c142_member;
grant select on c142_members to c142_member;
select id, c142_team_size(team_id) from c142_docs order by id;
set role c142_member;
select * from c142_docs order by id;
insert into c142_docs values (4, 1, 'new');
insert into c142_docs values (5, 2, 'not ours');
select count(*) from c142_docs;
reset role;
drop table c142_docs, c142_members;
drop function c142_is_member(int), c142_team_size(int);
drop role c142_member;
