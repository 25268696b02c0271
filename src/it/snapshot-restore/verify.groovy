import io.github.pgreset.testing.InvokerServer
import io.github.pgreset.testing.PgServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 3
assert log =~ /Saved database "pgreset_it_snap" on \S+ as snapshot "pgreset_it_snap_snapshot" in \d+ ms/
// each restore swapped in a copy: the one snapshot prepared, then the one the first restore prepared in the background
def restored = (log =~ /Restored database "pgreset_it_snap" on \S+ from "pgreset_it_snap_snapshot" in (\d+) ms \(prepared copy swapped in/)
assert restored.size() == 2
assert server.databaseExists('pgreset_it_snap_next'): 'the last restore did not leave its next copy ready'
assert server.queryIn('pgreset_it_snap', 'SELECT count(*) FROM message', { rs -> rs.getInt(1) } as PgServer.RowReader) == [1000]
['pgreset_it_snap', 'pgreset_it_snap_snapshot', 'pgreset_it_snap_next', 'pgreset_it_snap_pgreset_old'].each(server.&dropDatabase)
return true
