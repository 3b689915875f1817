-- TABLE name is SELECT * FROM name.
create table plans (id int primary key, name text not null, period interval not null);
insert into plans values (1, 'hourly', interval '1 hour'), (2, 'daily', interval '1 day'), (3, 'monthly', interval '1 month');
table plans;
TABLE plans ORDER BY id DESC LIMIT 2;
-- interval * number, number * interval, interval / number, as defaults are written.
select name, 3 * period, period * 1.5, period / 4, period * 0.1 from plans;
select interval '1 day' / 0;
select interval '7 days' - interval '1 hour', 2 * interval '30 minutes';
create table subscriptions (
  id int primary key,
  plan_id int not null references plans,
  starts date not null default current_date,
  trial_ends timestamptz default now() + interval '7 days',
  grace interval default 3 * interval '1 hour'
);
insert into subscriptions (id, plan_id) values (1, 2);
select id, starts = current_date as today, trial_ends - now() > interval '6 days' as week, grace from subscriptions;
insert into subscriptions (id, plan_id) values (2, 9);
-- DROP AGGREGATE speaks of aggregates; \da lists them.
create function add_int(s int, v int) returns int language sql as $$ select coalesce(s, 0) + v $$;
create aggregate total(int) (sfunc = add_int, stype = int);
\da
\da tot*
select total(id) from plans;
drop aggregate total(int);
drop aggregate total(int);
drop aggregate if exists total(int);
\da
