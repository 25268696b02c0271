package io.github.pgreset.maven.internal;

/**
 * The project properties pgreset sets for the rest of the build, which later goals, plugins and tests read as
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
     * {@code true} once {@code restore} has brought back a snapshot made from the current {@code snapshotSources}: the
     * database is migrated already, and a recipe skips the migration ({@code <skip>${pgreset.upToDate}</skip>});
     * {@code false} when it recreated the database for the migrations.
     */
    public static final String UP_TO_DATE = "pgreset.upToDate";

    private ServerProperties() {}
}
