// The migrated database: its table, no rows.
import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
['pgreset_it_surefire', 'pgreset_it_surefire_snapshot', 'pgreset_it_surefire_next'].each(server.&dropDatabase)
server.execute('CREATE DATABASE pgreset_it_surefire')
server.executeIn('pgreset_it_surefire', 'CREATE TABLE message (id serial PRIMARY KEY, body text)')
return true
