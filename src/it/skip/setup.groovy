import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
server.dropDatabase('pgreset_it_skip')
server.execute('CREATE DATABASE pgreset_it_skip')
server.executeIn('pgreset_it_skip', 'CREATE TABLE kept (id int)')
System.properties.put('pgreset.it.skip', server.connect('pgreset_it_skip', 'psql'))
return true
