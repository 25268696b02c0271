import io.github.pgreset.testing.InvokerServer
import io.github.pgreset.testing.PgServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
['pgreset_it_snap', 'pgreset_it_snap_snapshot', 'pgreset_it_snap_next', 'pgreset_it_snap_pgreset_old'].each(server.&dropDatabase)
// Real size: copying it takes longer than what is left of the build after a restore. Its data is generated once per
// server (about 15 s) into a template that every run of this build copies (under a second): built under another name
// and renamed when complete, so that a run killed while building it leaves no half-filled template.
def template = 'pgreset_it_165mb'
if (!server.databaseExists(template)) {
    server.dropDatabase(template + '_building')
    server.execute("CREATE DATABASE ${template}_building")
    server.executeIn(template + '_building',
            'CREATE TABLE message (id int PRIMARY KEY, body text)',
            "INSERT INTO message SELECT g, repeat('m', 120) FROM generate_series(1, 1100000) g")
    server.execute("ALTER DATABASE ${template}_building RENAME TO ${template}")
}
def strategy = server.version().major() >= 15 ? ' STRATEGY FILE_COPY' : ''
server.execute("CREATE DATABASE pgreset_it_snap TEMPLATE ${template}${strategy}")
def bytes = server.query("SELECT pg_database_size('pgreset_it_snap')", { rs -> rs.getLong(1) } as PgServer.RowReader)[0]
assert bytes > 150_000_000: "the database has only ${bytes} bytes"
return true
