import io.github.pgreset.testing.InvokerServer
import io.github.pgreset.testing.PgServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def log = new File(basedir, 'build.log').text
assert log.count('BUILD SUCCESS') == 2
['pgreset_it_fork_1', 'pgreset_it_fork_2'].each { db ->
    assert log =~ /Restored database "${db}" on \S+ from "pgreset_it_fork_snapshot"/
}
// each fork ran one test class on its own database: one visit in each, by different classes
def visits = ['pgreset_it_fork_1', 'pgreset_it_fork_2'].collect { db ->
    server.queryIn(db, "SELECT test FROM visit WHERE test <> 'snapshot'", { rs -> rs.getString(1) } as PgServer.RowReader)
}
assert visits.every { it.size() == 1 }: "each fork's database should have one test's visit: ${visits}"
assert visits.flatten().toSet() == ['ForkOneIT', 'ForkTwoIT'] as Set
['pgreset_it_fork_1', 'pgreset_it_fork_2', 'pgreset_it_fork_snapshot', 'pgreset_it_fork_1_next', 'pgreset_it_fork_2_next',
 'pgreset_it_fork_1_pgreset_old', 'pgreset_it_fork_2_pgreset_old'].each(server.&dropDatabase)
return true
