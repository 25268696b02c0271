import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]'): 'the build did not run with -X'
assert log =~ /Recreated database "pgreset_it_settings" on \S+ in \d+ ms/
// the database belongs to the role from settings.xml: the plugin connected as that role
def owner = server.query("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'pgreset_it_settings'",
        { rs -> rs.getString(1) } as io.github.pgreset.testing.PgServer.RowReader)
assert owner == ['pgreset_it_settings']
assert !log.contains('Sett1ngs-only-secret'): 'the decrypted password is in build.log'
server.dropDatabase('pgreset_it_settings')
server.execute('DROP ROLE pgreset_it_settings')
return true
