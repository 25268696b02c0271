import io.github.pgreset.testing.InvokerServer
import io.github.pgreset.testing.PgServer
import java.nio.file.Path

def server = InvokerServer.load(Path.of(itServerFile))
def psql = System.properties.remove('pgreset.it.migrate')
try {
    def log = new File(basedir, 'build.log').text
    def recreated = log.indexOf('Recreated database "pgreset_it_migrate"')
    def migrated = log.indexOf('Successfully applied 1 migration')
    assert recreated >= 0 && migrated > recreated: 'expected recreate, then Flyway applying V1, in build.log'
    assert !psql.isValid(2): 'the open psql session survived'
    assert !server.hasTable('pgreset_it_migrate', 'stale')
    assert server.hasTable('pgreset_it_migrate', 'message')
    def versions = server.queryIn('pgreset_it_migrate',
            'SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank',
            { rs -> rs.getString(1) } as PgServer.RowReader)
    assert versions == ['1']
} finally {
    psql.close()
}
server.dropDatabase('pgreset_it_migrate')
return true
