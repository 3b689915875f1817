#!/usr/bin/env bash
# Runs each workload through fksim, sqlite3 (in memory, foreign keys on) and PostgreSQL (when a
# server answers), alternating them, RUNS times each; prints median seconds, the ratio
# fksim/other and peak memory (KiB, /usr/bin/time -v).  A run past TIMEOUT seconds is cut off.
# A script with a line `-- the query part` is also timed from that line on by each engine's own
# clock: sqlite3's `.timer` and fksim's `\timing` with FKSIM_TIMING=cpu report user + sys CPU time
# (sqlite3's wall time is rounded to milliseconds, and CPU time is what a machine shared with other
# work does not inflate); psql's `\timing` is wall time. The sum over the statements after the
# marker, in ms.
# usage: compare.sh [REGEX]   (workloads whose name matches, e.g. '_1000000' or '^W5'; env: RUNS=3
#        TIMEOUT=60 FKSIM=target/release/fksim)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fksim="${FKSIM:-$here/../target/release/fksim}"
runs="${RUNS:-3}"; limit="${TIMEOUT:-60}"
pattern="${1:-}"
as_pg() { if [ "$(id -u)" = 0 ] && [ -z "${PGUSER:-}" ]; then su postgres -c "$(printf '%q ' "$@")"; else "$@"; fi; }
have_pg=0; as_pg psql -X -q -d postgres -c 'select 1' >/dev/null 2>&1 && have_pg=1
marker='-- the query part'
timed_copy() { # tool file -> a copy of file with the tool's timer switched on at the marker
  local on; case $1 in fksim|pg) on='\timing on' ;; sqlite) on='.timer on' ;; esac
  local c; c=$(mktemp --suffix=.sql)
  ON="$on" M="$marker" awk '{ print } $0 == ENVIRON["M"] { print ENVIRON["ON"] }' "$2" > "$c"
  chmod a+r "$c"; echo "$c"
}
query_ms() { # tool output -> the statements' times summed, in ms
  case $1 in
    fksim|pg) awk '/^Time: / { s += $2 } END { printf "%.3f", s }' "$2" ;;
    sqlite) awk '/^Run Time: / { s += $6 + $8 } END { printf "%.3f", s * 1000 }' "$2" ;;
  esac
}
measure() { # tool file -> "seconds kib query-ms" (or "timeout")
  local tool=$1 file=$2 t o
  t=$(mktemp); o=$(mktemp)
  if grep -qxF -- "$marker" "$file"; then file=$(timed_copy "$tool" "$file"); fi
  case $tool in
    fksim) FKSIM_TIMING=cpu timeout "$limit" /usr/bin/time -f "%e %M" -o "$t" "$fksim" run --psql "$file" >"$o" 2>&1 ;;
    sqlite) timeout "$limit" /usr/bin/time -f "%e %M" -o "$t" sqlite3 -bail -cmd "PRAGMA foreign_keys=ON" :memory: < "$file" >"$o" 2>&1 ;;
    pg) local db="fkbench_$$_$RANDOM"
        as_pg createdb "$db" >/dev/null 2>&1
        chmod a+r "$file"
        timeout "$limit" /usr/bin/time -f "%e %M" -o "$t" bash -c "$(declare -f as_pg); as_pg psql -X -q -d $db -f '$file'" >"$o" 2>&1
        local rc=$?
        as_pg dropdb --force "$db" >/dev/null 2>&1
        if [ $rc -eq 124 ]; then rm -f "$t" "$o"; echo timeout; return; fi ;;
  esac
  local rc=$?
  if [ $rc -eq 124 ]; then echo "timeout"
  else echo "$(tail -1 "$t" 2>/dev/null || echo "-") $(query_ms "$tool" "$o")"; fi
  case $file in /tmp/*) rm -f "$file" ;; esac
  rm -f "$t" "$o"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else print a[int((NR+1)/2)]}'; }
printf "%-22s %9s %9s %9s %8s %8s %10s %10s   %s\n" workload fksim sqlite3 postgres "f/sqlite" "f/pg" "fksim KiB" "sqlite KiB" \
  "query part ms: fksim sqlite3 postgres f/sqlite f/pg"
for file in "$here"/sql/*.sql; do
  [[ "$(basename "$file" .sql)" =~ $pattern ]] || continue
  declare -A secs=() mem=() qms=()
  tools="fksim sqlite"; [ $have_pg = 1 ] && tools="$tools pg"
  for _ in $(seq "$runs"); do
    for tool in $tools; do
      r=$(measure $tool "$file")
      if [ "$r" = timeout ]; then secs[$tool]+="$limit+ "
      else read -r rs rk rq <<< "$r"; secs[$tool]+="$rs "; mem[$tool]="$rk"; qms[$tool]+="$rq "; fi
    done
  done
  qmed() { echo "${qms[$1]:-}" | tr ' ' '\n' | grep -v '^$' | median; }
  med() { echo "${secs[$1]:-}" | tr ' ' '\n' | grep -v '^$' | sed 's/+$/000/' | median; }
  f=$(med fksim); s=$(med sqlite); p="-"; [ $have_pg = 1 ] && p=$(med pg)
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "-" || b+0 == 0 || b+0 >= 1000*'"$limit"') print "-"; else printf "%.2f", a/b }'; }
  show() { awk -v v="$1" 'BEGIN { if (v+0 >= 1000*'"$limit"') print ">'"$limit"'"; else print v }'; }
  query=""
  if grep -qxF -- "$marker" "$file"; then
    qf=$(qmed fksim); qs=$(qmed sqlite); qp="-"; [ $have_pg = 1 ] && qp=$(qmed pg)
    query="$(printf "%10s %9s %9s %8s %8s" "$qf" "$qs" "$qp" "$(ratio "$qf" "$qs")" "$(ratio "$qf" "$qp")")"
  fi
  printf "%-22s %9s %9s %9s %8s %8s %10s %10s   %s\n" "$(basename "$file" .sql)" "$(show "$f")" "$(show "$s")" "$(show "$p")" "$(ratio "$f" "$s")" "$(ratio "$f" "$p")" "${mem[fksim]:--}" "${mem[sqlite]:--}" "$query"
  unset secs mem qms
done
