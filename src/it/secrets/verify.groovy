import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]'): 'the builds did not run with -X'
assert log =~ /Recreated database "pgreset_it_secrets" on \S+ in \d+ ms/
assert log =~ /\[ERROR\] .*refused role pgreset_it_secrets_other/
// build.log ends with this script's own output: only what the builds wrote counts
def builds = log.substring(0, log.indexOf('Running post-build script'))
for (secret in ['Right-Pw-9e1f', 'Other-Pw-3b2c']) {
    assert !builds.contains(secret): "build.log shows the password $secret"
    for (report in ['right', 'wrong']) {
        def json = new File(basedir, "target/pgreset-${report}.json").text
        assert !json.contains(secret): "the $report report shows the password $secret"
    }
}
def failed = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/pgreset-wrong.json'))
assert failed.outcome == 'failed' && failed.error.contains('refused role pgreset_it_secrets_other')
server.dropDatabase('pgreset_it_secrets')
server.execute('DROP ROLE pgreset_it_secrets', 'DROP ROLE pgreset_it_secrets_other')
return true
