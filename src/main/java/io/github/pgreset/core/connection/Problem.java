package io.github.pgreset.core.connection;

/** What kind of failure a {@link PgResetException} reports; the Maven layer maps each kind once. */
public enum Problem {
    /** The plugin's configuration is incomplete or contradictory. */
    CONFIGURATION,
    /** The target is protected or remote and the safety rules refuse it. */
    REFUSED_TARGET,
    /** The server could not be reached. */
    UNREACHABLE,
    /** The server refused the credentials. */
    AUTHENTICATION,
    /** The target database does not exist. */
    DATABASE_MISSING,
    /** The snapshot is missing or was taken from other sources than the current ones (pgreset.onStaleSnapshot=fail). */
    STALE_SNAPSHOT,
    /** The role lacks a privilege. */
    PERMISSION_DENIED,
    /** Something the plugin may not or cannot clear holds the database (sessions, prepared transactions...). */
    DATABASE_IN_USE,
    /** The goal did not finish within pgreset.timeout. */
    TIMEOUT,
    /** The server is too old for an option, or cannot take the change (read-only, standby). */
    UNSUPPORTED,
    /** The machine-readable report could not be written. */
    REPORT_NOT_WRITTEN,
    /**
     * The server pgreset starts for the build (pgreset:start) could not be set up, started or stopped: its binaries,
     * its data directory, its process.
     */
    LOCAL_SERVER,
    /** The goal was stopped: the JVM is shutting down (Ctrl-C, a kill, a cancelled job). */
    STOPPED,
    /** The server answered with an error the plugin did not expect. */
    SERVER_ERROR
}
