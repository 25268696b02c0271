import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
server.dropDatabase('pgreset_it_nopom')
server.execute('CREATE DATABASE pgreset_it_nopom')
server.executeIn('pgreset_it_nopom', 'CREATE TABLE stale (id int)')
assert !new File(basedir, 'pom.xml').exists()
return true
