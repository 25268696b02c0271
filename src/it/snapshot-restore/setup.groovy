import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
['pgreset_it_snap', 'pgreset_it_snap_snapshot', 'pgreset_it_snap_next', 'pgreset_it_snap_pgreset_old'].each(server.&dropDatabase)
server.execute('CREATE DATABASE pgreset_it_snap')
server.executeIn('pgreset_it_snap', 'CREATE TABLE message (id int)', 'INSERT INTO message SELECT generate_series(1, 1000)')
return true
