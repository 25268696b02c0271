#!/usr/bin/env bash
# Runs the README's test command as an ordinary user on a fresh clone of this checkout, with no servers given, so the
# tests start pgreset's own servers (PostgreSQL from Maven Central's binaries, started by pgreset:start's code). Source
# it from the checkout's root, as root; extra Maven arguments in NEWCOMER_ARGS (default, within CI's time: one
# PostgreSQL version, no unit tests (root's build ran them), the Mojo tests, the clone test, which proves here, on the
# home directory's ext4, that copies are not clones, the server's lifetime as this user, and the invoker builds of
# pgreset:start and of snapshot and restore, on the Maven that runs the build).
# Then the README's command for a machine with no PostgreSQL, as written, twice: the second build restores.
set -euo pipefail
NEWCOMER=${NEWCOMER:-pgreset-newcomer}
NEWCOMER_ARGS=${NEWCOMER_ARGS:-"-DskipUTs -Dpgreset.test.versions=18 -Dit.test=GoalsIT,ServerLifetimeIT,PgResetExtensionIT -Dinvoker.test=snapshot-restore -Dit.other.mavens.skip=true"}
id -u "$NEWCOMER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$NEWCOMER"
home=$(getent passwd "$NEWCOMER" | cut -d: -f6)
# a clean start: no server of an earlier run (pgreset:start's servers run as the user), no repository, no clone
pkill -KILL -u "$NEWCOMER" -x postgres 2>/dev/null || true
rm -rf "$home/pgreset" "$home/.m2" "$home/.pgreset" "$home/pgreset-example.log"
git clone -q "$PWD" "$home/pgreset"
mkdir -p "$home/.m2"
cp -r "$HOME/.m2/repository" "$home/.m2/repository"
[ -d "$HOME/.m2/wrapper" ] && cp -r "$HOME/.m2/wrapper" "$home/.m2/wrapper"
chown -R "$NEWCOMER:" "$home/pgreset" "$home/.m2"
# a login shell of the user: its own HOME and PATH, none of CI's variables
runuser --login "$NEWCOMER" --command "cd ~/pgreset && ./mvnw -B -ntp verify $NEWCOMER_ARGS"
runuser --login "$NEWCOMER" --command 'cd ~/pgreset && ./mvnw -q install -DskipTests && ./mvnw -f src/example verify \
  && ./mvnw -f src/example verify | tee ~/pgreset-example.log \
  && grep -q "Restored database \"chat\" on 127.0.0.1:[0-9]* from \"chat_snapshot\"" ~/pgreset-example.log \
  && ./mvnw -q -f src/example pgreset:stop -Dpgreset.removeData=true'
