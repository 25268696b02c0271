package shop;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module's database holds every migration of the module, whether migrated now or restored. */
class MigratedTest {
    @Test
    void everyMigrationIsApplied() throws Exception {
        Migrations.assertApplied(Path.of("src/main/resources/db/migration"));
    }
}
