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
