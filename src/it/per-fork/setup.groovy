import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
['pgreset_it_fork_1', 'pgreset_it_fork_2', 'pgreset_it_fork_snapshot', 'pgreset_it_fork_1_next', 'pgreset_it_fork_2_next',
 'pgreset_it_fork_snapshot_next'].each(server.&dropDatabase)
server.execute('CREATE DATABASE pgreset_it_fork_1')
server.executeIn('pgreset_it_fork_1', 'CREATE TABLE visit (test text)', "INSERT INTO visit VALUES ('snapshot')")
return true
