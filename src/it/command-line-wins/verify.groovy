import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def log = new File(basedir, 'build.log').text
def where = "${server.host()}:${server.port()}"

// 1: the database named with -D was recreated, the POM's left alone, with the credentials given with -D
assert log.contains("[INFO] Command line: -Dpgreset.url overrides the POM's <url>; the credentials given with -D "
        + "replace the POM's <serverId>. pgreset:recreate works on database \"pgreset_it_cli_db\" on ${where}.")
assert log =~ /\[INFO\] Recreated database "pgreset_it_cli_db" on \S+ in \d+ ms/
assert !server.hasTable('pgreset_it_cli_db', 'kept')
assert server.hasTable('pgreset_it_pom_db', 'kept')

// 2: -Dpgreset.dryRun=true beats <dryRun>false</dryRun>
assert log.contains("[INFO] Command line: -Dpgreset.dryRun overrides the POM's <dryRun>; the credentials given with "
        + "-D replace the POM's <serverId>. pgreset:recreate works on database \"pgreset_it_pom_db\" on ${where}.")
assert log.contains('[INFO] [dry run] Would drop database "pgreset_it_pom_db"')
assert !(log =~ /Recreated database "pgreset_it_pom_db"/)

// 3 and 4: mistyped, refused before anything was done, naming the property meant
assert log.contains('pgreset:recreate did nothing: -Dpgreset.dryrun is not a property of pgreset: did you mean '
        + '-Dpgreset.dryRun?')
assert log.contains('pgreset:recreate did nothing: -DdryRun is not a property of pgreset: did you mean '
        + '-Dpgreset.dryRun?')
assert log.count('BUILD SUCCESS') == 2 && log.count('BUILD FAILURE') == 2
assert server.hasTable('pgreset_it_pom_db', 'kept')
return true
