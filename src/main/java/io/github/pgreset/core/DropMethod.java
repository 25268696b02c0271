package io.github.pgreset.core;

/** How a database was dropped (or moved aside for a restore), as the log and the report say it. */
public enum DropMethod {
    /** 13+: the server terminates the sessions and drops under the database lock. */
    FORCE("DROP DATABASE ... WITH (FORCE)"),
    /** Before 13: new connections blocked, the sessions terminated and waited for, then the drop. */
    BLOCK_TERMINATE("ALLOW_CONNECTIONS false, terminate, DROP DATABASE"),
    /** pgreset.force=false: a plain DROP, which fails while anyone is connected. */
    PLAIN("DROP DATABASE"),
    /** restore: blocked, terminated, then renamed aside in the swap's transaction. */
    MOVE_ASIDE("ALLOW_CONNECTIONS false, terminate, RENAME"),
    /** restore with pgreset.force=false: renamed aside if nobody is connected. */
    RENAME("ALTER DATABASE ... RENAME"),
    /** An invalid database (an interrupted DROP), which nobody can connect to. */
    INVALID("DROP DATABASE (an invalid database left by an interrupted DROP)"),
    /** There was no database to drop. */
    NONE("none");

    private final String description;

    DropMethod(String description) {
        this.description = description;
    }

    /** {@code DROP DATABASE ... WITH (FORCE)}: what the log and the report show. */
    @Override
    public String toString() {
        return description;
    }
}
