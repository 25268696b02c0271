#!/usr/bin/env bash
# The second build of the code-generation recipe (src/example/jooq, docs/code-generation.md), timed as users run it:
# each run a fresh `mvn verify` of a copy of the example, where nothing changed since the build before. Maven's own
# log, with a timestamp on each line, says when each goal began; a goal's time runs until the next one begins:
#   start, restore, snapshot: pgreset's goals; migrate: Flyway's, skipped on pgreset.skipMigrations;
#   stop: the server stopped when the build ends (the time its line gives);
#   generate: jOOQ's code generation, the same on every route, for scale.
# Medians of RUNS (default 7). pgreset's folder is a temporary one (user.home of the Maven JVM), so the user's own
# cache and servers are not touched; the local repository is the user's. JVM_OPTS go to Maven's JVM too (as a
# project's .mvn/jvm.config would give them), e.g. JVM_OPTS=-XX:TieredStopAtLevel=1. After `./mvnw install -DskipTests`:
#   bash src/bench/codegen-bench.sh
set -euo pipefail
RUNS=${RUNS:-7}
MVN=${MVN:-mvn}
REPO=${REPO:-$HOME/.m2/repository}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'MAVEN_OPTS="-Duser.home=$work" "$MVN" -B -o -q -f "$work/jooq" pgreset:stop -Dpgreset.removeData=true -Dmaven.repo.local="$REPO" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
. "$here/src/bench/bench-project.sh"
cp -r "$here/src/example/jooq" "$work/jooq" && rm -rf "$work/jooq/target"
export MAVEN_OPTS="-Duser.home=$work ${JVM_OPTS:-}"
build() {
  "$MVN" -B "$@" -f "$work/jooq" -Dmaven.repo.local="$REPO" verify \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS >"$work/out" 2>&1
}
# the first build, online (the plugins resolved once): initdb, the migrations, the snapshot
build || { cat "$work/out" >&2; exit 1; }

# Each goal's milliseconds in $work/out, as "goal ms" lines: from its "--- plugin:version:goal" line to the next one.
goals() {
  awk '
    function ms(t,   p) { split(t, p, /[:.]/); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + p[4] }
    / --- [^ ]+:[^ ]+:[^ ]+ / {
      now = ms($1)
      if (name != "") print name, now - began
      split($4, g, ":"); name = g[3]; began = now
    }
    /BUILD SUCCESS|Reactor Summary|pgreset: stopped/ && name != "" { print name, ms($1) - began; name = "" }
    /pgreset: stopped the PostgreSQL server/ { for (i = 1; i <= NF; i++) if ($i == "ms," || $i == "ms") print "stop", $(i - 1) }
  ' "$work/out"
}
declare -A runs
for _ in $(seq "$RUNS"); do
  build -o
  grep -q 'Skipping Flyway execution' "$work/out" || { echo "Flyway was not skipped:" >&2; cat "$work/out" >&2; exit 1; }
  while read -r goal ms; do runs[$goal]+="$ms "; done < <(goals)
  pgreset=0
  for g in start restore migrate snapshot; do pgreset=$((pgreset + $(goals | awk -v g=$g '$1 == g { s += $2 } END { print s + 0 }'))); done
  runs[sum]+="$pgreset "
  runs[sumstop]+="$((pgreset + $(goals | awk '$1 == "stop" { print $2 }'))) "
done
m() { printf '%s\n' $1 | median; }
"$MVN" -B -v >"$work/version" 2>&1
echo "$(sed -n 1p "$work/version" | sed "s/\x1b\[[0-9;]*m//g"), $(id -un)${JVM_OPTS:+, $JVM_OPTS}, medians of $RUNS runs, ms:"
echo
echo "| Step | Median | Runs |"
echo "|---|---|---|"
for g in start restore migrate generate snapshot stop; do echo "| $g | $(m "${runs[$g]}") | ${runs[$g]}|"; done
echo "| start + restore + migrate + snapshot | $(m "${runs[sum]}") | ${runs[sum]}|"
echo "| the same with the stop at the end | $(m "${runs[sumstop]}") | ${runs[sumstop]}|"
