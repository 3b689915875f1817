-- intervals: input and output, arithmetic with dates and timestamps, comparison, defaults;
-- typed literals are read (and their errors placed) as they are parsed.
SELECT interval '1 day', interval '2 hours 30 minutes', '1 year 2 months 3 days 04:05:06.5'::interval,
       interval '1 day ago', interval '-1 day 2 hours', interval '0', interval '36 hours', interval '1 week';
SELECT timestamp '2020-01-31 10:00' + interval '1 month', date '2020-02-29' + interval '1 year',
       timestamptz '2020-01-01 00:00' - interval '1 day 1 hour', interval '2 days' + timestamp '2020-01-01',
       interval '1 day' + interval '3 hours', interval '1 day' - interval '1 day',
       timestamp '2020-03-01' - timestamp '2020-01-01 12:00', interval '1 day' = interval '24 hours',
       interval '1 month' > interval '29 days';
SELECT interval 'nope';
CREATE TABLE sessions (id int PRIMARY KEY, started timestamptz NOT NULL DEFAULT now(),
    expires timestamptz DEFAULT now() + interval '7 days', ttl interval DEFAULT '1 hour');
INSERT INTO sessions (id) VALUES (1);
SELECT expires - started AS lifetime, ttl, expires > started + ttl FROM sessions;
\d sessions
SELECT count(*) FROM sessions WHERE started > now() - interval '1 hour';
SELECT date '2020-02-30';
SELECT '2020-13-01'::date;
SELECT timestamp '2020-13-01';
