import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def clients = System.properties.remove('pgreset.it.parallel')
try {
    def log = new File(basedir, 'build.log').text
    assert log =~ /Using the MultiThreadedBuilder implementation with a thread count of 2|thread count of 2/
    // Maven names plugins that are not thread-safe; this one must not be among them
    assert !(log =~ /(?s)not marked as thread-safe.*pgreset-maven-plugin/)
    for (db in ['pgreset_it_orders', 'pgreset_it_billing']) {
        assert log =~ /Recreated database "$db" on \S+ in \d+ ms/
        assert server.databaseExists(db)
        assert !server.hasTable(db, 'stale')
    }
    assert log.contains('BUILD SUCCESS')
} finally {
    clients*.close()
}
['pgreset_it_orders', 'pgreset_it_billing'].each(server.&dropDatabase)
return true
