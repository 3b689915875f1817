#!/usr/bin/env bash
# Regenerate the expected output (*.out) of every corpus file (tests/corpus/*/*.sql) and list
# (tests/corpus/*/*.list: files, one path a line relative to the list, replayed in order as one
# script, as a project's migrations are) from a live PostgreSQL, as tests/conformance/regen.sh
# does: `psql -X -a -q` with the input on standard input, each in a fresh database. When the file's directory has a `workload.psql`, it is fed
# after the file (the statements a user runs on the loaded data), and its output is part of
# the `.out`. The expected files are PostgreSQL's words, never hand-written.
#
# usage: regen.sh [--check] [FILE.sql|FILE.list ...]
#   --check   compare instead of write; exit 1 when PostgreSQL now prints something else
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$here"/*/*.sql "$here"/*/*.list)
as_pg() {
  if [ "$(id -u)" = 0 ] && [ -z "${PGUSER:-}" ]; then su postgres -c "$(printf '%q ' "$@")"; else "$@"; fi
}
status=0
for sql in "${files[@]}"; do
  [ -e "$sql" ] || continue
  db="fk_corpus_$$_$(basename "${sql%.*}" | tr -c 'a-zA-Z0-9_\n' _)"
  as_pg createdb "$db"
  expected="${sql%.*}.out"
  workload="$(dirname "$sql")/workload.psql"
  [ -e "$workload" ] || workload=/dev/null
  actual=$(mktemp)
  input=("$sql")
  if [ "${sql##*.}" = list ]; then
    input=()
    while read -r line; do
      case $line in ''|'#'*) ;; *) input+=("$(dirname "$sql")/$line") ;; esac
    done < "$sql"
  fi
  cat "${input[@]}" "$workload" | as_pg "${PSQL:-psql}" -X -a -q -d "$db" > "$actual" 2>&1 || true
  as_pg dropdb "$db"
  if [ $check = 1 ]; then
    cmp -s "$expected" "$actual" || { echo "DIFFERS: ${expected#"$here"/}"; status=1; }
    rm -f "$actual"
  else
    mv "$actual" "$expected"; chmod 644 "$expected"
  fi
done
exit $status
