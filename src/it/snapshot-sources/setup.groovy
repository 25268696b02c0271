import io.github.pgreset.testing.InvokerServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
['pgreset_it_sources', 'pgreset_it_sources_snapshot', 'pgreset_it_sources_next'].each(server.&dropDatabase)
new File(basedir, 'src/main/resources/db/migration/V2__tag.sql').delete()
return true
