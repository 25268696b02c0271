import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def psql = System.properties.remove('pgreset.it.skip')
try {
    def log = new File(basedir, 'build.log').text
    for (goal in ['recreate', 'terminate', 'drop', 'sessions']) {
        assert log.contains("Skipping pgreset:$goal because -Dpgreset.skip is set.")
    }
    assert log.contains('BUILD SUCCESS')
    assert psql.isValid(2): 'a skipped goal ended a session'
    assert server.hasTable('pgreset_it_skip', 'kept'): 'a skipped goal touched the database'
} finally {
    psql.close()
}
server.dropDatabase('pgreset_it_skip')
return true
