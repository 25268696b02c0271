import io.github.pgreset.testing.InvokerServer
import io.github.pgreset.testing.PgServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
// without the colour codes that a Maven started without -B writes at the start of a line
def log = new File(basedir, 'build.log').text.replaceAll('\\x1B\\[[;\\d]*m', '')
assert log.count('BUILD SUCCESS') == 5
assert log =~ /Saved database "pgreset_it_snap" on \S+ as snapshot "pgreset_it_snap_snapshot" in \d+ ms/

// each restore swapped in a copy: the one snapshot prepared, then the one each restore prepared while its build went on
def restored = (log =~ /\[INFO\] Restored database "pgreset_it_snap" on \S+ from "pgreset_it_snap_snapshot" in \d+ ms \(prepared copy swapped in, /)
assert restored.size() == 4: 'a restore did not find the copy the one before prepared:\n' + log.readLines().findAll { it.contains('Restored database') }.join('\n')

// every Maven process waited for its copy before it printed its result, and printed nothing of pgreset after it
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('BUILD SUCCESS') }
assert runs.size() == 5
runs.drop(1).eachWithIndex { run, i ->
    def ready = run.indexOf('pgreset: the next copy of "pgreset_it_snap_snapshot" for "pgreset_it_snap" is ready (made in ')
    def result = run.indexOf('BUILD SUCCESS')
    assert ready >= 0 && ready < result: "restore ${i + 1}: the copy was not reported ready before the build's result:\n${run}"
    // after the result only Maven's own lines: rules, total time, finished at (then the invoker's next script)
    def after = run.substring(result).readLines().drop(1).takeWhile { !it.startsWith('Running post-build script') }
    def foreign = after.findAll { !(it =~ /^(\[INFO\] (-+|Total time: .*|Finished at: .*))?$/) }
    assert foreign.isEmpty(): "restore ${i + 1}: something came after the build's result:\n${foreign.join('\n')}"
}

def copy = server.query("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'pgreset_it_snap_next'",
        { rs -> rs.getString(1) } as PgServer.RowReader)
assert copy.size() == 1 && copy[0].startsWith('pgreset: copy of snapshot oid'): 'the last restore did not leave its next copy ready'
assert server.queryIn('pgreset_it_snap', 'SELECT count(*) FROM message', { rs -> rs.getInt(1) } as PgServer.RowReader) == [1100000]
['pgreset_it_snap', 'pgreset_it_snap_snapshot', 'pgreset_it_snap_next', 'pgreset_it_snap_pgreset_old'].each(server.&dropDatabase)
return true
