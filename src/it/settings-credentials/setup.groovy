// A role that exists only for this build, with the password that settings.xml holds encrypted.
import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
server.dropDatabase('pgreset_it_settings')
// in the group whose password the test servers always check (trust-auth servers too), so that a wrong or missing
// password fails here: the decrypted one is proven used, not merely passed along
def group = io.github.pgreset.testing.ServerSource.PASSWORD_AUTH_GROUP
server.execute("DO \$\$ BEGIN CREATE ROLE ${group} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$",
        'DROP ROLE IF EXISTS pgreset_it_settings',
        "CREATE ROLE pgreset_it_settings LOGIN CREATEDB PASSWORD 'Sett1ngs-only-secret' IN ROLE ${group}")
return true
