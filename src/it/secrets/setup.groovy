// A role that logs in with its password, also on the embedded test servers (members of pgreset_password_auth).
import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
server.dropDatabase('pgreset_it_secrets')
server.execute('DROP ROLE IF EXISTS pgreset_it_secrets', 'DROP ROLE IF EXISTS pgreset_it_secrets_other',
        'DO $$ BEGIN CREATE ROLE pgreset_password_auth NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$',
        "CREATE ROLE pgreset_it_secrets LOGIN CREATEDB PASSWORD 'Right-Pw-9e1f' IN ROLE pgreset_password_auth",
        "CREATE ROLE pgreset_it_secrets_other LOGIN PASSWORD 'Other-Pw-3b2c' IN ROLE pgreset_password_auth")
return true
