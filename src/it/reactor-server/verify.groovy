import io.github.pgreset.testing.EmbeddedServers

try {
    def log = new File(basedir, 'build.log').text
    // one initdb for all six builds, and no other server: every module of every build reached the build root's
    assert log.count('Made the data directory') == 1: 'one data directory for the whole build'
    def servers = (log =~ /PGPASSFILE=(\S+)\/pgpass/).collect { it[1] }.unique()
    assert servers == [EmbeddedServers.folder(basedir).toString()]: servers
    // each build that ran a module started the server once, the others found it running, and its end stopped it:
    // builds 1, 2, 3, 4 and 6 (5 only copied a file)
    def starts = (log =~ /PostgreSQL 18\.\d+\.\d+ (started for the build|is running): jdbc:postgresql:\/\/127\.0\.0\.1:\d+\/([^ ]+)/)
    assert starts.findAll { it[1] == 'started for the build' }.size() == 5
    assert starts.collect { it[2] }.unique().sort() == [
            'persistence', 'shop-service-with-an-artifact-id-longer-than-postgresql-_654dec', 'web']
    assert (log =~ /\[INFO\] pgreset: stopped the PostgreSQL server in \S+ in \d+ ms, as no other build uses it\./).size() == 5
    // the long artifactId: its database and the names derived from it, shortened and said
    assert log.contains('The artifactId "shop-service-with-an-artifact-id-longer-than-postgresql-allows-names" is longer than PostgreSQL\'s 63 bytes: its database is "shop-service-with-an-artifact-id-longer-than-postgresql-_654dec"')
    assert log =~ /Names longer than PostgreSQL's 63 bytes, shortened with a digest: [^\n]*"shop-service-with-an-artifact-id-longer-than_[0-9a-f]{6}_pgreset_old" for "shop-service-with-an-artifact-id-longer-than-postgresql-_654dec_pgreset_old"/
    // 1: persistence's snapshot made from its migrations; service restored it as fresh, from its own module
    assert log =~ /Not restoring "persistence" from "persistence_snapshot": there is no snapshot "persistence_snapshot" yet/
    def restoredToService = (log =~ /Restored database "shop-service-with-an-artifact-id-longer-than-postgresql-_654dec" on 127\.0\.0\.1:\d+ from "persistence_snapshot"/)
    assert restoredToService.size() == 4: 'builds 1, 2, 4 and 6'
    // 2: up to date: Flyway's migrate skipped on pgreset.skipMigrations
    assert (log =~ /Restored database "persistence" on 127\.0\.0\.1:\d+ from "persistence_snapshot"/).size() == 2
    assert log.contains('Skipping Flyway execution')
    // 4: the failing test failed the build; its end stopped the server before the result
    def failed = log.split(/\[INFO\] Scanning for projects\.\.\./)[4]
    assert failed =~ /(?s)failing on purpose.*pgreset: stopped the PostgreSQL server in \S+ in \d+ ms, as no other build uses it\.\s*\n\[INFO\] -+\n\[INFO\] Reactor Summary.*BUILD FAILURE/
    // 6: the new migration: persistence rebuilt the snapshot once, service restored the new one in the same build
    assert log.contains('Not restoring "persistence" from "persistence_snapshot": its sources changed since'
            + ' "persistence_snapshot" was taken: persistence/src/main/resources/db/migration/V2__invoice.sql added;')
    assert (log =~ /\[reactor-it\] jdbc:postgresql:\/\/127\.0\.0\.1:\d+\/shop-service\S+ has 2 migrations/).size() == 1
    assert log.count('BUILD SUCCESS') == 5 && log.count('BUILD FAILURE') == 1
    assert EmbeddedServers.running(basedir) == 0: 'the last build stopped its server'
} finally {
    EmbeddedServers.remove(basedir)
}
return true
