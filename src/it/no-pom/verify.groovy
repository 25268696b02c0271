import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def log = new File(basedir, 'build.log').text
assert log =~ /Recreated database "pgreset_it_nopom" on \S+ in \d+ ms/
assert log =~ /Dropped database "pgreset_it_nopom" on \S+ in \d+ ms/
assert log.count('BUILD SUCCESS') == 2
assert !server.databaseExists('pgreset_it_nopom')
return true
