#!/usr/bin/env bash
# Every goal timed as users run it: each run a fresh `mvn` process on a small project that declares the plugin with a
# <url>, against `mvn validate` of the same project (Maven's own start), `mvn pgreset:help` (Maven loading the plugin)
# and psql sending the same statements (its own process start included). The cases are taken in turn, round after
# round, and the medians of RUNS rounds (default 9) printed as a Markdown table, with each goal's own time as its
# result line gives it. Run after `./mvnw install -DskipTests`, against a PostgreSQL you may drop a database on:
#   PGRESET_BENCH_URL='jdbc:postgresql://127.0.0.1:5432/pgreset_bench' PGUSER=postgres PGPASSWORD=... \
#     bash src/bench/cold-bench.sh [plugin version]
set -euo pipefail
VERSION=${1:-0.1.0-SNAPSHOT}
RUNS=${RUNS:-9}
MVN=${MVN:-mvn}
URL=${PGRESET_BENCH_URL:?set PGRESET_BENCH_URL to jdbc:postgresql://host:port/database (the database is dropped)}
: "${PGUSER:?set PGUSER}" "${PGPASSWORD:?set PGPASSWORD}"
hostport=${URL#jdbc:postgresql://}
hostport=${hostport%%/*}
DB=${URL##*/}
HOST=${hostport%:*}
PORT=${hostport##*:}
export PGHOST=$HOST PGPORT=$PORT PGUSER PGPASSWORD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/bench-project.sh"
bench_project "$work" "$VERSION" "<url>$URL</url><username>\${env.PGUSER}</username><password>\${env.PGPASSWORD}</password>"
mvn_b() { "$MVN" -B -o -f "$work/pom.xml" "$@"; }
# the whole process's milliseconds; what it printed stays in $work/out
millis() { local start end; start=$(date +%s%N); "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
# the goal's own time: the first "in N ms" of its result line
own() { grep -m1 -o ' in [0-9]* ms' "$work/out" | grep -o '[0-9]*' || true; }
psql_q() { psql -X -q -d postgres "$@"; }

psql_q -c "DROP DATABASE IF EXISTS \"$DB\"" -c "CREATE DATABASE \"$DB\""
mvn_b -q pgreset:help >/dev/null # the plugin resolved once
declare -A whole ownt
for c in sessions terminate recreate drop; do ownt[$c]=""; done
cases=(validate help sessions terminate recreate drop psql-recreate psql-sessions)
for _ in $(seq "$RUNS"); do
  for c in "${cases[@]}"; do
    case $c in
      validate) t=$(millis mvn_b -q validate) ;;
      help) t=$(millis mvn_b -q pgreset:help) ;;
      sessions | terminate | recreate) t=$(millis mvn_b "pgreset:$c") ;;
      drop) t=$(millis mvn_b pgreset:drop); psql_q -c "CREATE DATABASE \"$DB\"" ;;
      psql-recreate) t=$(millis psql_q -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" -c "CREATE DATABASE \"$DB\"") ;;
      psql-sessions) t=$(millis psql_q -c "SELECT pid, usename, application_name FROM pg_stat_activity WHERE datname = '$DB'") ;;
    esac
    whole[$c]+="$t "
    case $c in sessions | terminate | recreate | drop) ownt[$c]+="$(own) " ;; esac
  done
done
m() { printf '%s\n' $1 | median; }
label() {
  case $1 in
    validate) echo '`mvn validate`' ;;
    help) echo '`mvn pgreset:help`' ;;
    psql-*) echo "\`psql\`, the same statements as ${1#psql-}" ;;
    *) echo "\`mvn pgreset:$1\`" ;;
  esac
}
base=$(m "${whole[validate]}")
echo "$("$MVN" -B -v | sed -n 1p | sed 's/\x1b\[[0-9;]*m//g'), PostgreSQL $(psql_q -Atc 'SHOW server_version'), medians of $RUNS rounds, ms:"
echo
echo "| Case | Whole process | Over \`mvn validate\` | The goal's own time | Runs (whole process) |"
echo "|---|---|---|---|---|"
for c in "${cases[@]}"; do
  w=$(m "${whole[$c]}")
  o=""
  own_runs=${ownt[$c]:-}
  [ -n "${own_runs// /}" ] && o=$(m "$own_runs")
  over=$((w - base))
  case $c in validate | psql-*) over="" ;; esac
  echo "| $(label "$c") | $w | $over | $o | ${whole[$c]}|"
done
