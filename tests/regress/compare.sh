#!/usr/bin/env bash
# Measures fksim against PostgreSQL's own foreign-key regression test: cuts
# src/test/regress/sql/foreign_key.sql (PostgreSQL's file, never committed here) into its sections,
# runs each through `psql -X -a -q` (a fresh database each, as regen.sh does) and through
# `fksim run --psql`, and prints identical / different per section with a summary count.
#
# A section starts at a comment line that follows a blank line, once the statement before it was
# a clean-up (DROP, RESET, COMMIT, ROLLBACK), unless the new section uses a table, schema, function
# or role an earlier section made and did not drop (it uses it before creating it itself), or
# creates nothing at all: then it continues the earlier test and stays with it. That gives the
# file's own test groups: 63 in PostgreSQL's file at commit 009ea1b (the 18/19 development file,
# with its NOT ENFORCED tests that PostgreSQL 15 answers with errors), 45 in an older copy.
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
  function strip(name) { sub(/^.*\./, "", name); gsub(/["(;,]/, "", name); return name }
  # Names this line creates: CREATE [TEMP] TABLE|SCHEMA|FUNCTION|USER|ROLE [IF NOT EXISTS] name.
  function creates(line,   rest, m, n) {
    rest = line
    while (match(rest, /create +((temp|temporary) +)?(table|schema|function|user|role) +(if +not +exists +)?[a-z0-9_."]+/)) {
      m = substr(rest, RSTART, RLENGTH); n = split(m, w, / +/)
      name = strip(w[n]); made[name] = 1; mine[name] = 1; fresh_made = 1
      rest = substr(rest, RSTART + RLENGTH)
    }
  }
  function drops(line,   m, n, i, names) {
    if (match(line, /^drop +(table|schema|function|user|role) +(if +exists +)?[a-z0-9_.", ]+/)) {
      m = substr(line, RSTART, RLENGTH); sub(/^drop +[a-z]+ +(if +exists +)?/, "", m)
      n = split(m, names, / *, */)
      for (i = 1; i <= n; i++) { split(names[i], w, / +/); delete made[strip(w[1])] }
    }
  }
  BEGIN { n = 1; sec[n] = 1 }
  # A candidate that made nothing (say, only a COMMIT) belongs to the test before it.
  prev == "" && /^--/ && cleaned {
    if (n > 1 && !fresh_made) sec[n] = 0
    n++; sec[n] = 1; fresh = 1; fresh_made = 0; split("", mine); cleaned = 0
  }
  { text[NR] = $0; at[NR] = n }
  !/^--/ && !/^[ \t]*$/ {
    line = tolower($0); sub(/--.*/, "", line)
    if (fresh) {
      k = split(line, tok, /[^a-z0-9_]+/)
      for (i = 1; i <= k; i++)
        if ((tok[i] in made) && !(tok[i] in mine) && line !~ ("create +((temp|temporary) +)?[a-z]+ +" tok[i] "[^a-z0-9_]")) { sec[n] = 0; fresh = 0 }
    }
    creates(line); drops(line)
    if ($0 !~ /^[ \t]/) cleaned = ($0 ~ /^(DROP|drop|RESET|reset|COMMIT|commit|ROLLBACK|rollback)[ ;]/)
  }
  { prev = $0 }
  END {
    m = 0
    for (i = 1; i <= n; i++) { if (sec[i]) m++; file[i] = sprintf("%s/%02d.sql", dir, m) }
    for (r = 1; r <= NR; r++) print text[r] > file[at[r]]
  }
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
  title=$(grep -m1 -E '^-- *[A-Za-z0-9]' "$sql" | cut -c4-60 || true)
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
