import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
server.dropDatabase('pgreset_it_guarded')
server.execute('CREATE DATABASE pgreset_it_guarded')
server.executeIn('pgreset_it_guarded', 'CREATE TABLE precious (id int)')
System.properties.put('pgreset.it.guarded', server.connect('pgreset_it_guarded', 'psql'))
return true
