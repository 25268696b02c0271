import io.github.pgreset.testing.InvokerServer
import io.github.pgreset.testing.PgServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
// without the colour codes that a Maven started without -B writes at the start of a line
def log = new File(basedir, 'build.log').text.replaceAll('\\x1B\\[[;\\d]*m', '')
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD SUCCESS') }
assert runs.size() == 5: 'expected five successful builds:\n' + log
def builds = [runs[0], runs[1], runs[3], runs[4]]
def lines = { run, text -> run.readLines().findAll { it.contains(text) } }

// 1: no snapshot yet: recreated, migrated, saved, tested
assert builds[0].contains('Not restoring "pgreset_it_sources" from "pgreset_it_sources_snapshot": there is no snapshot "pgreset_it_sources_snapshot" yet; it is recreated empty for the migrations')
assert builds[0].contains('Successfully applied 1 migration')
assert builds[0] =~ /Saved database "pgreset_it_sources" on \S+ as snapshot "pgreset_it_sources_snapshot"/
assert builds[0].contains('[MigratedIT] tables [message]')

// 2: restored and kept
assert builds[1] =~ /Restored database "pgreset_it_sources" on \S+ from "pgreset_it_sources_snapshot" in \d+ ms \(prepared copy swapped in/
assert builds[1].contains('Snapshot "pgreset_it_sources_snapshot" of database "pgreset_it_sources" on ')
assert builds[1].contains('is up to date: its sources have not changed since it was taken; nothing to do.')

// 3: a migration added: found stale, rebuilt with the same command, and the new table reaches the tests
assert builds[2].contains('its sources changed since "pgreset_it_sources_snapshot" was taken: src/main/resources/db/migration/V2__tag.sql added')
assert builds[2].contains('Successfully applied 2 migrations')
assert builds[2] =~ /Saved database "pgreset_it_sources" on \S+ as snapshot "pgreset_it_sources_snapshot"[^\n]*replacing the snapshot taken at/
assert builds[2].contains('[MigratedIT] tables [message, tag]') || builds[2].contains('[MigratedIT] tables [tag, message]')

// 4: restored from the new snapshot
assert builds[3] =~ /Restored database "pgreset_it_sources" on \S+ from "pgreset_it_sources_snapshot" in \d+ ms \(prepared copy swapped in/
assert builds[3].contains('is up to date: its sources have not changed since it was taken; nothing to do.')
assert builds[3].contains('[MigratedIT] tables [message, tag]') || builds[3].contains('[MigratedIT] tables [tag, message]')

new File(basedir, 'src/main/resources/db/migration/V2__tag.sql').delete()
['pgreset_it_sources', 'pgreset_it_sources_snapshot', 'pgreset_it_sources_next', 'pgreset_it_sources_pgreset_old'].each(server.&dropDatabase)
return true
