// Two psql windows left open on the database, one of them in the middle of a long query.
import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
server.dropDatabase('pgreset_it_cli')
server.execute('CREATE DATABASE pgreset_it_cli')
def idle = server.connect('pgreset_it_cli', 'psql')
def busy = server.connect('pgreset_it_cli', 'psql')
def query = Thread.start {
    try {
        busy.createStatement().execute('SELECT pg_sleep(600) /* a report that runs for a long time */')
    } catch (java.sql.SQLException terminated) {
        // what the terminate goal does to it
    }
}
System.properties.put('pgreset.it.cli', [idle, busy, query])
return true
