import io.github.pgreset.testing.InvokerServer
import io.github.pgreset.testing.PgServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
['pgreset_it_snap', 'pgreset_it_snap_snapshot', 'pgreset_it_snap_next', 'pgreset_it_snap_pgreset_old'].each(server.&dropDatabase)
server.execute('CREATE DATABASE pgreset_it_snap')
// real size: copying it takes longer than what is left of the build after a restore
server.executeIn('pgreset_it_snap',
        'CREATE TABLE message (id int PRIMARY KEY, body text)',
        "INSERT INTO message SELECT g, repeat('m', 120) FROM generate_series(1, 1100000) g")
def bytes = server.query("SELECT pg_database_size('pgreset_it_snap')", { rs -> rs.getLong(1) } as PgServer.RowReader)[0]
assert bytes > 150_000_000: "the database has only ${bytes} bytes"
return true
