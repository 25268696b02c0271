package io.github.pgreset.core;

/**
 * The properties pgreset sets for the rest of the build (Maven project properties) and for the tests (system
 * properties, by {@code @PgReset}), which later goals, plugins and tests read as
 * {@code ${pgreset.url}}: written in one place, read in the others.
 */
public final class ServerProperties {
    /** The JDBC URL of the database {@code start} serves. */
    public static final String URL = "pgreset.url";
    /** The role {@code start}'s server is reached as. */
    public static final String USERNAME = "pgreset.username";
    /** That role's password. */
    public static final String PASSWORD = "pgreset.password";
    /** The folder of the server {@code start} started. */
    public static final String DATA_DIRECTORY = "pgreset.dataDirectory";
    /**
     * Whether the migration step has nothing to do in this build, for {@code <skip>${pgreset.skipMigrations}</skip>}
     * on it: {@code true} when {@code restore} brought back a snapshot made from the current {@code snapshotSources}
     * (migrated already), or was skipped (no database is prepared in this build); {@code false} when it recreated the
     * database for the migrations, or restored a snapshot without {@code snapshotSources}, which may be behind.
     */
    public static final String SKIP_MIGRATIONS = "pgreset.skipMigrations";

    private ServerProperties() {}
}
