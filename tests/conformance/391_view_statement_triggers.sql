-- Statement-level triggers on a view: BEFORE / AFTER ... FOR EACH STATEMENT fire when an
-- INSTEAD OF row trigger handles the statement (not when a rule or the view's own
-- updatability does); a foreign-key error inside the INSTEAD OF trigger stops the AFTER one.
create table p (id int primary key);
create table c (id int primary key, pid int references p on delete cascade);
create view v as select * from c;
create function note() returns trigger language plpgsql as $$
begin
  raise notice '% % % % on %', tg_name, tg_when, tg_level, tg_op, tg_table_name;
  if tg_level = 'ROW' then
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end if;
  return null;
end $$;
create function v_write() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into c values (new.id, new.pid);
    return new;
  elsif tg_op = 'UPDATE' then
    update c set pid = new.pid where id = old.id;
    return new;
  end if;
  delete from c where id = old.id;
  return old;
end $$;
create trigger v_bs before insert or delete on v for each statement execute function note();
create trigger v_as after insert or delete on v for each statement execute function note();
create trigger v_ins instead of insert on v for each row execute function v_write();
create trigger v_del instead of delete on v for each row execute function v_write();
create trigger v_bu before update on v for each statement execute function note();
create trigger v_au after update on v for each statement execute function note();
\d v
insert into p values (1), (2);
insert into v values (1, 1), (2, 1);
-- the foreign key refuses the INSTEAD OF trigger's insert: no AFTER STATEMENT
insert into v values (3, 5);
insert into v values (3, 2) returning *;
-- no INSTEAD OF UPDATE trigger: the view updates c itself, its statement triggers stay quiet
update v set pid = 2 where id = 1;
select * from c order by id;
delete from v where id = 99;
delete from v where pid = 2;
select * from c order by id;
-- a trigger's kind against a view
create trigger v_bad before insert on v for each row execute function note();
create trigger v_bad instead of insert on v for each statement execute function note();
create trigger v_bad after insert on v for each row execute function note();
-- a rule handles w: its statement triggers do not fire
create view w as select * from c;
create rule w_ins as on insert to w do instead insert into c values (new.id, new.pid);
create trigger w_bs before insert on w for each statement execute function note();
create trigger w_as after insert on w for each statement execute function note();
insert into w values (4, 1);
insert into w values (5, 7);
drop trigger v_bs on v;
drop trigger v_bs on v;
insert into v values (6, 2);
\d v
drop view v;
drop view w;
select count(*) from c;
