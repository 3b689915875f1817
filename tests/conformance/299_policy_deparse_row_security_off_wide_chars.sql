-- Policies as \d prints them when they call functions the way Supabase's templates do
-- ((select auth.uid()), a function taking an enum), row_security = off (pg_dump's header sets
-- it) refusing a query row security would filter, and wide characters in psql's alignment.
create schema auth;
create function auth.uid() returns int language sql stable as $$ select 1 $$;
create type perm as enum ('read', 'delete');
create function allowed(p perm) returns boolean language sql stable as $$ select p = 'read' $$;
create table teams (id int primary key, name text);
create table notes (id int primary key, team_id int references teams on delete cascade,
                    author int, body text);
alter table notes enable row level security;
create policy "own notes" on notes for select using ((select auth.uid()) = author);
create policy "insert own" on notes for insert with check ((select auth.uid() as me) = author);
create policy "may delete" on notes for delete using (allowed('delete'));
\d notes
insert into teams values (1, 'Équipe 👋'), (2, '開発チーム'), (3, 'plain');
insert into notes values (1, 1, 1, 'héllo wörld'), (2, 2, 2, '日本語のメモ'), (3, 3, 1, '🙂🙂');
select * from teams order by id;
select n.id, t.name, n.body from notes n join teams t on t.id = n.team_id order by n.id;
\x on
select * from teams where id = 2;
\x off
create role note_reader;
grant select on notes to note_reader;
set role note_reader;
select id from notes order by id;
set row_security = off;
select id from notes order by id;
reset role;
-- the table's owner is not filtered, so row_security = off changes nothing for it
select id from notes order by id;
reset row_security;
-- the key check does not pass through row security: a cascade reaches rows a role cannot see
delete from teams where id = 3;
select count(*) from notes;
drop owned by note_reader;
drop role note_reader;
