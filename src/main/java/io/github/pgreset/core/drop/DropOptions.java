package io.github.pgreset.core.drop;

/**
 * @param force terminate the sessions on the database (true), or fail with the list of sessions (false)
 * @param ifExists a missing database is success (true), or an error (false)
 * @param rollbackPrepared roll back the database's prepared transactions before dropping it (true), or fail naming
 *     them (false)
 */
public record DropOptions(boolean force, boolean ifExists, boolean rollbackPrepared) {
    public DropOptions(boolean force, boolean ifExists) {
        this(force, ifExists, false);
    }

    public static DropOptions defaults() {
        return new DropOptions(true, true, false);
    }
}
