#!/usr/bin/env bash
# Regenerate the expected output (*.out) of every interactive-style script (*.sql) from a live
# PostgreSQL: `psql -X -a` WITHOUT -q, each script in a fresh database, so the output holds
# what interactive psql prints besides results: command tags (`INSERT 0 1`), the answers to
# \x and \timing, and expanded records. The expected files are PostgreSQL's words, never
# hand-written. `Time: ... ms` lines differ from run to run: the test (and --check) compare
# them with the number masked.
#
# usage: regen.sh [--check] [SCRIPT.sql ...]
#   --check   compare instead of write; exit 1 when PostgreSQL now prints something else
# env:   PSQL (default: psql), PGHOST/PGPORT/PGUSER as for psql; when run as root with no
#        PGUSER, it runs psql as the postgres system user.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
scripts=("$@")
[ ${#scripts[@]} -gt 0 ] || scripts=("$here"/*.sql)
as_pg() {
  if [ "$(id -u)" = 0 ] && [ -z "${PGUSER:-}" ]; then su postgres -c "$(printf '%q ' "$@")"; else "$@"; fi
}
mask_times() { sed -E 's/^Time: [0-9]+\.[0-9]{3} ms( \(.*\))?$/Time: #.### ms/' "$1"; }
status=0
for sql in "${scripts[@]}"; do
  db="fk_regen_$$_$(basename "$sql" .sql | tr -c 'a-zA-Z0-9_\n' _)"
  as_pg createdb "$db"
  expected="${sql%.sql}.out"
  actual=$(mktemp)
  as_pg "${PSQL:-psql}" -X -a -d "$db" < "$sql" > "$actual" 2>&1 || true
  as_pg dropdb "$db"
  if [ $check = 1 ]; then
    cmp -s <(mask_times "$expected") <(mask_times "$actual") \
      || { echo "DIFFERS: $(basename "$expected")"; status=1; }
    rm -f "$actual"
  else
    mv "$actual" "$expected"; chmod 644 "$expected"
  fi
done
exit $status
