package io.github.pgreset.junit;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;

/**
 * The migrations run with the Flyway of the test class path, through its public API ({@code
 * Flyway.configure().dataSource(...).locations(...).load().migrate()}), found by name: pgreset does not bring Flyway in.
 */
final class FlywayMigrations {
    private FlywayMigrations() {}

    static void migrate(String url, String user, String password, List<Path> folders) {
        String[] locations = folders.stream()
                .map(folder -> "filesystem:" + folder.toAbsolutePath())
                .toArray(String[]::new);
        Class<?> flyway;
        try {
            flyway = Class.forName(
                    "org.flywaydb.core.Flyway", true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException missing) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "@PgReset migrates the database from " + String.join(", ", locations) + " with Flyway, and Flyway"
                            + " is not on the test class path: add org.flywaydb:flyway-core (and"
                            + " flyway-database-postgresql) with <scope>test</scope>, or set @PgReset(migrations = {})"
                            + " for an empty database.");
        }
        try {
            Object configuration = flyway.getMethod("configure").invoke(null);
            configuration = configuration
                    .getClass()
                    .getMethod("dataSource", String.class, String.class, String.class)
                    .invoke(configuration, url, user, password);
            configuration = configuration
                    .getClass()
                    .getMethod("locations", String[].class)
                    .invoke(configuration, (Object) locations);
            Object loaded = configuration.getClass().getMethod("load").invoke(configuration);
            loaded.getClass().getMethod("migrate").invoke(loaded);
        } catch (InvocationTargetException e) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "Flyway could not migrate " + url + " from " + String.join(", ", locations) + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new PgResetException(
                    Problem.UNSUPPORTED,
                    "The Flyway on the test class path does not have the API pgreset calls (" + e
                            + "): Flyway 7 or later is needed.",
                    e);
        }
    }
}
