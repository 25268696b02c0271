// A role that exists only for this build, with the password that settings.xml holds encrypted. Every test server
// checks passwords on TCP (scram-sha-256), so a wrong or missing password fails here: the decrypted one is proven
// used, not merely passed along.
import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
server.dropDatabase('pgreset_it_settings')
server.execute('DROP ROLE IF EXISTS pgreset_it_settings',
        "CREATE ROLE pgreset_it_settings LOGIN CREATEDB PASSWORD 'Sett1ngs-only-secret'")
return true
