-- \d+ on tables with foreign keys: each column's storage and comment, the keys both ways,
-- inheritance children listed by name, and the access method
create schema shop;
create table parent (id int primary key, name text not null default 'x', price numeric(10,2), code varchar(20) unique, flag bool, at timestamptz, addr inet);
create table child (id serial primary key, p int references parent on delete cascade, note text, tags text[], doc jsonb);
create index on child (p);
comment on table child is 'the children';
comment on column child.note is 'a note';
comment on column child.p is 'the parent';
\d+ parent
\d+ child
create table shop.item (id bigint generated always as identity primary key, child_id int references child (id), price numeric);
\d+ shop.item
create table base (id int primary key);
create table kid_b (x int) inherits (base);
create table kid_a (y int references parent) inherits (base);
\d+ base
\d+ kid_a
\d base
create view cheap as select id, name from parent where price < 10;
\d+ cheap
