package io.github.pgreset.core.drop;

import io.github.pgreset.core.connection.ServerVersion;

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

    /**
     * How a database is dropped, or moved aside for a restore ({@code swap}): with {@code force}, on 13+ by FORCE,
     * before 13 (and for every swap, a rename having no FORCE) by blocking, terminating and then dropping; without
     * {@code force}, plainly, failing while anyone is connected.
     */
    static DropMethod choose(boolean force, boolean swap, ServerVersion version) {
        if (swap) {
            return force ? MOVE_ASIDE : RENAME;
        }
        if (!force) {
            return PLAIN;
        }
        return version.supports(ServerVersion.Feature.DROP_FORCE) ? FORCE : BLOCK_TERMINATE;
    }

    /** Whether new connections are blocked and the sessions terminated before the final statement. */
    boolean blocksFirst() {
        return this == BLOCK_TERMINATE || this == MOVE_ASIDE;
    }

    DropMethod(String description) {
        this.description = description;
    }

    /** {@code DROP DATABASE ... WITH (FORCE)}: what the log and the report show. */
    @Override
    public String toString() {
        return description;
    }
}
