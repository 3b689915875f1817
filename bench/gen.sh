#!/usr/bin/env bash
# Writes the benchmark workloads as SQL that fksim, sqlite3 and psql all accept:
#   bench/sql/W{1..5}_{N}[_idx].sql for N child rows (1,000 parents), with and without an index
#   on the referencing columns.  usage: gen.sh [N ...]   (default: 10000 100000 1000000)
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)/sql"
mkdir -p "$out"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
for n in "${sizes[@]}"; do
  for idx in "" "_idx"; do
    index() { [ -z "$idx" ] || echo "CREATE INDEX $1_$2_idx ON $1 ($2);"; }
    {
      echo "CREATE TABLE customers (id int PRIMARY KEY, name text);"
      echo "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers);"
      index orders customer_id
      echo "INSERT INTO customers SELECT value, 'c' || value FROM generate_series(1, 1000) AS value;"
      echo "INSERT INTO orders SELECT value, value % 1000 + 1 FROM generate_series(1, $n) AS value;"
    } > "$out/W1_$n$idx.sql"
    {
      echo "CREATE TABLE customers (id int PRIMARY KEY);"
      echo "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE CASCADE);"
      echo "CREATE TABLE order_items (id int PRIMARY KEY, order_id int REFERENCES orders ON DELETE CASCADE);"
      index orders customer_id; index order_items order_id
      echo "INSERT INTO customers SELECT value FROM generate_series(1, 1000) AS value;"
      echo "INSERT INTO orders SELECT value, value % 1000 + 1 FROM generate_series(1, $((n / 10))) AS value;"
      echo "INSERT INTO order_items SELECT value, value % $((n / 10)) + 1 FROM generate_series(1, $n) AS value;"
      echo "DELETE FROM customers WHERE id = 1;"
      echo "DELETE FROM customers;"
    } > "$out/W2_$n$idx.sql"
    {
      echo "CREATE TABLE customers (id int PRIMARY KEY);"
      echo "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers DEFERRABLE INITIALLY DEFERRED);"
      index orders customer_id
      echo "BEGIN;"
      echo "INSERT INTO orders SELECT value, value % 1000 + 1 FROM generate_series(1, $n) AS value;"
      echo "INSERT INTO customers SELECT value FROM generate_series(1, 1000) AS value;"
      echo "COMMIT;"
    } > "$out/W3_$n$idx.sql"
    {
      echo "CREATE TABLE customers (id int PRIMARY KEY);"
      echo "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE SET NULL);"
      index orders customer_id
      echo "INSERT INTO customers SELECT value FROM generate_series(1, 1000) AS value;"
      echo "INSERT INTO orders SELECT value, value % 1000 + 1 FROM generate_series(1, $n) AS value;"
      echo "DELETE FROM customers;"
    } > "$out/W4_$n$idx.sql"
  done
done
for idx in "" "_idx"; do
  {
    echo "CREATE TABLE chain (id int PRIMARY KEY, parent_id int REFERENCES chain ON DELETE CASCADE);"
    [ -z "$idx" ] || echo "CREATE INDEX chain_parent_id_idx ON chain (parent_id);"
    echo "INSERT INTO chain SELECT value, CASE WHEN value = 1 THEN NULL ELSE value - 1 END FROM generate_series(1, 100000) AS value;"
    echo "DELETE FROM chain WHERE id = 1;"
  } > "$out/W5_100000$idx.sql"
done
# The query workloads (issue 17): Q1 3,000 point statements by key on 100,000 orders (10,000
# customers, ~10 orders each, cascading deletes); Q2-Q6 over N orders of 1,000 customers: a
# count, a filtered aggregate, a GROUP BY, a join, and the LEFT JOIN orphan check. The line
# `-- the query part` marks where compare.sh starts each engine's own timer.
{
  echo "CREATE TABLE customers (id int PRIMARY KEY, name text);"
  echo "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE CASCADE, note text);"
  echo "CREATE INDEX orders_customer_id_idx ON orders (customer_id);"
  echo "INSERT INTO customers SELECT value, 'c' || value FROM generate_series(1, 10000) AS value;"
  echo "INSERT INTO orders SELECT value, value % 10000 + 1, NULL FROM generate_series(1, 100000) AS value;"
  echo "-- the query part"
  for i in $(seq 1 1000); do
    echo "UPDATE orders SET note = 'x' WHERE id = $((i * 97 % 100000 + 1));"
    echo "SELECT name FROM customers WHERE id = $((i * 7 % 10000 + 1));"
    echo "DELETE FROM customers WHERE id = $((i * 13 % 10000 + 1));"
  done
} > "$out/Q1_points_100000.sql"
for n in "${sizes[@]}"; do
  setup() {
    echo "CREATE TABLE customers (id int PRIMARY KEY, name text);"
    echo "CREATE TABLE orders (id int PRIMARY KEY, customer_id int, amount int);"
    echo "INSERT INTO customers SELECT value, 'c' || value FROM generate_series(1, 1000) AS value;"
    # One order in 100 names a customer that does not exist: the orphans the checks find.
    echo "INSERT INTO orders SELECT value, CASE WHEN value % 100 = 0 THEN 5000 ELSE value % 1000 + 1 END, value % 500 FROM generate_series(1, $n) AS value;"
    echo "-- the query part"
  }
  { setup; echo "SELECT count(*) FROM orders;"; } > "$out/Q2_count_$n.sql"
  { setup; echo "SELECT count(*), sum(amount) FROM orders WHERE amount > 250;"; } > "$out/Q3_filtered_$n.sql"
  { setup; echo "SELECT customer_id, count(*) FROM orders GROUP BY customer_id ORDER BY customer_id LIMIT 5;"; } > "$out/Q4_groupby_$n.sql"
  { setup; echo "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.name <> 'c7';"; } > "$out/Q5_join_$n.sql"
  { setup; echo "SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL;"; } > "$out/Q6_orphans_$n.sql"
done
