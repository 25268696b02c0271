// Both databases exist with a table in them and a client that reconnects at once when terminated.
import io.github.pgreset.testing.InvokerServer
import io.github.pgreset.testing.ReconnectingClient
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def clients = []
for (db in ['pgreset_it_orders', 'pgreset_it_billing']) {
    server.dropDatabase(db)
    server.execute("CREATE DATABASE $db")
    server.executeIn(db, 'CREATE TABLE stale (id int)')
    def client = new ReconnectingClient(server, db, 2)
    client.awaitConnections(2)
    clients << client
}
System.properties.put('pgreset.it.parallel', clients)
return true
