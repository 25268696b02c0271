import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def (idle, pool) = System.properties.remove('pgreset.it.lifecycle')
try {
    def log = new File(basedir, 'build.log').text
    // both builds recreated the database, ending the sessions on it, and both Failsafe runs passed
    def recreated = (log =~ /Recreated database "pgreset_it_lifecycle" on \S+ in \d+ ms \(.*, (\d+) sessions? terminated\)/)
    assert recreated.size() == 2: "expected two 'Recreated database' lines in build.log"
    assert (recreated[0][1] as int) >= 1: 'the first build found no session to terminate: ' + recreated[0][0]
    // Failsafe prints this line once per test class run (its summary has no time): once in each of the two builds
    assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed/).size() == 2
    assert log.count('BUILD SUCCESS') == 2
    // the report of the second build (it replaced the first one's)
    def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/pgreset-recreate.json'))
    assert report.goal == 'recreate' && report.outcome == 'succeeded' && report.database == 'pgreset_it_lifecycle'
    assert report.dropped && report.created && report.serverVersion && report.millis > 0
    assert report.statements.any { it.startsWith('CREATE DATABASE') }
    assert idle.isClosed() || !idle.isValid(2): 'the idle session survived the recreate'
    assert pool.connections() > 2: 'the pool never had to reconnect'
    // the second build's table is the only one: the first build's was dropped with its database
    assert server.hasTable('pgreset_it_lifecycle', 'left_by_last_build')
    assert !server.hasTable('pgreset_it_lifecycle', 'from_before')
} finally {
    pool.close()
    idle.close()
}
server.dropDatabase('pgreset_it_lifecycle')
return true
