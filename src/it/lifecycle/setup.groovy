// Before the builds: the database exists with a table in it, and a client is connected to it that reconnects
// the moment it is terminated, like an application's connection pool.
import io.github.pgreset.testing.InvokerServer
import io.github.pgreset.testing.ReconnectingClient
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
server.dropDatabase('pgreset_it_lifecycle')
server.execute('CREATE DATABASE pgreset_it_lifecycle')
server.executeIn('pgreset_it_lifecycle', 'CREATE TABLE from_before (id int)')
// an idle session (a forgotten psql window) and an eager pool; verify.groovy ends the pool
def idle = server.connect('pgreset_it_lifecycle', 'forgotten psql')
def pool = new ReconnectingClient(server, 'pgreset_it_lifecycle', 2)
pool.awaitConnections(2)
System.properties.put('pgreset.it.lifecycle', [idle, pool])
return true
