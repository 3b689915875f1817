#!/usr/bin/env bash
# Measures fksim against PostgreSQL's own foreign-key regression test: cuts
# src/test/regress/sql/foreign_key.sql (PostgreSQL's file, never committed here) into its sections,
# runs each through `psql -X -a -q` (a fresh database each, as regen.sh does) and through
# `fksim run --psql`, and prints identical / different per section with a summary count.
#
# A section starts at a comment line that follows a blank line, once the statement before it was
# a clean-up (DROP, RESET, COMMIT, ROLLBACK): the file's own test groups, 70 of them in the
# PostgreSQL 18 file.
#
# usage: compare.sh PATH/TO/foreign_key.sql [SECTION ...]
# env:   FKSIM (default: target/debug/fksim), KEEP=DIR keeps each section's .sql/.pg/.fk there,
#        PSQL/PGHOST/PGPORT/PGUSER as for regen.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
file=${1:?usage: compare.sh PATH/TO/foreign_key.sql [SECTION ...]}
shift
only=("$@")
fksim=${FKSIM:-$here/../../target/debug/fksim}
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
as_pg() {
  if [ "$(id -u)" = 0 ] && [ -z "${PGUSER:-}" ]; then su postgres -c "$(printf '%q ' "$@")"; else "$@"; fi
}
# Cut the file: section NN goes to $work/NN.sql.
awk -v dir="$work" '
  BEGIN { n = 1; out = sprintf("%s/%02d.sql", dir, n) }
  prev == "" && /^--/ && cleaned { n++; out = sprintf("%s/%02d.sql", dir, n); cleaned = 0 }
  { print > out }
  !/^--/ && !/^[ \t]*$/ {
    if ($0 ~ /^[ \t]/) { } else { cleaned = ($0 ~ /^(DROP|drop|RESET|reset|COMMIT|commit|ROLLBACK|rollback)[ ;]/) }
  }
  { prev = $0 }
' "$file"
chmod -R a+rX "$work"
same=0; differ=0; total=0
for sql in "$work"/[0-9][0-9].sql; do
  n=$(basename "$sql" .sql)
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " =~ " $n " ]] && [[ ! " ${only[*]} " =~ " $((10#$n)) " ]]; then continue; fi
  total=$((total + 1))
  db="wt_h_regress_$$_$n"
  as_pg createdb "$db"
  as_pg "${PSQL:-psql}" -X -a -q -d "$db" < "$sql" > "$work/$n.pg" 2>&1 || true
  as_pg dropdb "$db"
  timeout 60 "$fksim" run --psql "$sql" > "$work/$n.fk" 2>&1 || true
  title=$(grep -m1 -E '^-- *[A-Za-z]' "$sql" | cut -c4-60 || true)
  if cmp -s "$work/$n.pg" "$work/$n.fk"; then
    same=$((same + 1)); printf '%s identical  %s\n' "$n" "$title"
  else
    differ=$((differ + 1))
    lines=$(diff "$work/$n.pg" "$work/$n.fk" | grep -c '^[<>]' || true)
    printf '%s different %s (%s diff lines)\n' "$n" "$title" "$lines"
  fi
done
echo "identical: $same of $total sections (different: $differ)"
[ -n "${KEEP:-}" ] || rm -rf "$work"
