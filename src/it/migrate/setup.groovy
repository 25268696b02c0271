// The database as a previous run left it: migrated, with data, and a psql session still open on it.
import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
server.dropDatabase('pgreset_it_migrate')
server.execute('CREATE DATABASE pgreset_it_migrate')
server.executeIn('pgreset_it_migrate', 'CREATE TABLE stale (id int)', 'INSERT INTO stale VALUES (1)')
System.properties.put('pgreset.it.migrate', server.connect('pgreset_it_migrate', 'psql'))
return true
