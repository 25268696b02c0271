#!/usr/bin/env bash
# pgreset:start timed as users run it, each run a fresh `mvn` process on a small project that declares the plugin:
#   - a first start with the binaries' jar already in the local Maven repository (unpack, initdb, start, the database);
#   - a first start with the binaries already unpacked (initdb, start, the database);
#   - a start that finds the server running, against `mvn validate` of the same project and `mvn pgreset:help`
#     (Maven's own cost of loading the plugin), taken in turn.
# Medians of RUNS (default 7). pgreset's folder is a temporary one (user.home of the Maven JVM), so the user's own
# cache and servers are not touched; the local repository is the user's. Run as an ordinary user, after
# `./mvnw install -DskipTests`:   bash src/bench/start-bench.sh [plugin version]
set -euo pipefail
VERSION=${1:-0.1.0-SNAPSHOT}
RUNS=${RUNS:-7}
MVN=${MVN:-mvn}
REPO=${REPO:-$HOME/.m2/repository}
work=$(mktemp -d)
trap 'MAVEN_OPTS="-Duser.home=$work" "$MVN" -B -o -q -f "$work/project" pgreset:stop -Dpgreset.removeData=true -Dmaven.repo.local="$REPO" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
. "$(dirname "$0")/bench-project.sh"
bench_project "$work/project" "$VERSION" '<postgresVersion>${bench.postgres}</postgresVersion>'
export MAVEN_OPTS="-Duser.home=$work"
mvn_q() { "$MVN" -B -o -q -f "$work/project" -Dmaven.repo.local="$REPO" "$@"; }
# the whole process's milliseconds; what it printed stays in $work/out
seconds() { local start end; start=$(date +%s%N); "$@" >"$work/out" 2>&1; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
# the goal's own time, as its result line says it: "... started: jdbc:... in 2621 ms. psql: ..."
own() { sed -n 's/.* in \([0-9]*\) ms\. psql:.*/\1/p' "$work/out"; }
mvn_start() { "$MVN" -B -o -f "$work/project" -Dmaven.repo.local="$REPO" pgreset:start -Dbench.postgres="$POSTGRES"; }
POSTGRES=${POSTGRES:-18}
mvn_q pgreset:start -Dbench.postgres="$POSTGRES" >/dev/null # the plugin and the jar resolved once
mvn_q pgreset:stop -Dpgreset.removeData=true >/dev/null

cold=(); cold_own=(); unpacked=(); unpacked_own=()
for _ in $(seq "$RUNS"); do
  rm -rf "$work/.pgreset"
  cold+=("$(seconds mvn_start)"); cold_own+=("$(own)")
  mvn_q pgreset:stop -Dpgreset.removeData=true >/dev/null
  unpacked+=("$(seconds mvn_start)"); unpacked_own+=("$(own)")
  mvn_q pgreset:stop -Dpgreset.removeData=true >/dev/null
done
mvn_q pgreset:start -Dbench.postgres="$POSTGRES" >/dev/null
reused=(); reused_own=(); validate=(); help=()
for _ in $(seq "$RUNS"); do
  reused+=("$(seconds mvn_start)"); reused_own+=("$(own)")
  validate+=("$(seconds mvn_q validate)")
  help+=("$(seconds mvn_q pgreset:help)")
done
m() { printf '%s\n' "$@" | median; }
echo "PostgreSQL $POSTGRES, $("$MVN" -v | head -n 1), medians of $RUNS runs, ms (whole process):"
echo
echo "| Case | Whole process | The goal's own time | Runs (whole process) |"
echo "|---|---|---|---|"
echo "| first start, the jar in the local repository (unpack, initdb, start) | $(m "${cold[@]}") | $(m "${cold_own[@]}") | ${cold[*]} |"
echo "| first start, the binaries unpacked (initdb, start) | $(m "${unpacked[@]}") | $(m "${unpacked_own[@]}") | ${unpacked[*]} |"
echo "| \`mvn pgreset:start\`, the server running | $(m "${reused[@]}") | $(m "${reused_own[@]}") | ${reused[*]} |"
echo "| \`mvn validate\` | $(m "${validate[@]}") | | ${validate[*]} |"
echo "| \`mvn pgreset:help\` | $(m "${help[@]}") | | ${help[*]} |"
