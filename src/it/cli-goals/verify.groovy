import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def (idle, busy, query) = System.properties.remove('pgreset.it.cli')
try {
    def log = new File(basedir, 'build.log').text
    assert log.count('BUILD SUCCESS') == 5
    // sessions: a table with a header, a rule and one row per psql window, then the summary
    assert log =~ /\[INFO\] +pid \| user +\| application +\| client/
    assert log =~ /\[INFO\] -+-\+-/
    assert (log =~ /\[INFO\] +\d+ \| \S+ +\| psql +\|/).size() >= 2
    assert log.contains('SELECT pg_sleep(600)')
    assert log =~ /2 sessions on "pgreset_it_cli": (1 active, 1 idle|1 idle, 1 active) \(/
    def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'reports/sessions.json'))
    assert report.goal == 'sessions' && report.outcome == 'succeeded'
    assert report.sessions.size() == 2 && report.sessions.every { it.application == 'psql' && it.pid > 0 }
    assert report.sessions.any { it.state == 'active' && it.query.contains('pg_sleep(600)') }
    // terminate, recreate, drop
    assert log =~ /Terminated 2 sessions on "pgreset_it_cli" on \S+ in \d+ ms/
    assert log =~ /Recreated database "pgreset_it_cli" on \S+ in \d+ ms/
    assert log =~ /Dropped database "pgreset_it_cli" on \S+ in \d+ ms/
    assert !server.databaseExists('pgreset_it_cli')
    // help: the parameters of recreate, with their properties
    assert log.contains('pgreset:recreate')
    assert log.contains('User property: pgreset.template')
    query.join(10000)
    assert !query.isAlive(): 'the long query was not ended'
} finally {
    idle.close()
    busy.close()
}
return true
