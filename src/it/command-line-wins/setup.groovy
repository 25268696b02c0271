// Two databases with a table each: the POM's, and the one a developer names on the command line.
import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
for (db in ['pgreset_it_pom_db', 'pgreset_it_cli_db']) {
    server.dropDatabase(db)
    server.execute("CREATE DATABASE ${db}")
    server.executeIn(db, 'CREATE TABLE kept (id int)')
}
return true
