import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def psql = System.properties.remove('pgreset.it.guarded')
try {
    def log = new File(basedir, 'build.log').text
    assert log.count('BUILD FAILURE') == 2
    assert log =~ /\[ERROR\] .*Refusing to drop database "pgreset_it_guarded" on \S+: it is listed in pgreset.protectedDatabases/
    assert log =~ /\[ERROR\] .*Refusing to drop database "postgres" on \S+: it is a system database/
    assert psql.isValid(2): 'a refused goal ended a session'
    assert server.hasTable('pgreset_it_guarded', 'precious')
    assert server.databaseExists('postgres')
} finally {
    psql.close()
}
server.dropDatabase('pgreset_it_guarded')
return true
