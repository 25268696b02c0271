package shop;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The service's database is a copy of the persistence module's snapshot, with every migration of this build. */
class RestoredTest {
    @Test
    void theSnapshotOfThisBuildsMigrationsWasRestored() throws Exception {
        Migrations.assertApplied(Path.of("../persistence/src/main/resources/db/migration"));
    }
}
