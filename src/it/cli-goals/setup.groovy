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
// the sessions goal must find the query running: wait until the server shows it active
def deadline = System.nanoTime() + 10_000_000_000L
while (server.queryIn('pgreset_it_cli', "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(600)%'",
        { rs -> rs.getInt(1) } as io.github.pgreset.testing.PgServer.RowReader)[0] < 1) {
    assert System.nanoTime() < deadline: 'the long query did not start within 10 s'
    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L)
}
System.properties.put('pgreset.it.cli', [idle, busy, query])
return true
