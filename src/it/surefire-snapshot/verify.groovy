import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def count = { String db -> server.queryIn(db, 'SELECT count(*) FROM message', { rs -> rs.getInt(1) })[0] }
try {
    def log = new File(basedir, 'build.log').text
    // 1: refused after Surefire's tests, naming them and the phases to bind instead
    assert log.contains('pgreset:snapshot refused: it runs in phase test, after the tests of maven-surefire-plugin:test (default-test), and would save what they wrote')
    assert log.contains('bind it to process-test-classes')
    assert log.count('Saved database "pgreset_it_surefire"') == 1: 'only the second build saves'
    // 2: the snapshot holds the migrated table and none of the rows the tests wrote in either build
    assert server.databaseExists('pgreset_it_surefire_snapshot')
    server.execute('ALTER DATABASE pgreset_it_surefire_snapshot ALLOW_CONNECTIONS true')
    // the row of build 1's test (the refused build ran its tests), not build 2's: saved before build 2's tests ran
    assert count('pgreset_it_surefire_snapshot') == 1
    assert count('pgreset_it_surefire') == 2
} finally {
    ['pgreset_it_surefire', 'pgreset_it_surefire_snapshot', 'pgreset_it_surefire_next'].each(server.&dropDatabase)
}
return true
