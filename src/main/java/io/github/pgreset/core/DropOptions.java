package io.github.pgreset.core;

/**
 * @param force terminate the sessions on the database (true), or fail with the list of sessions (false)
 * @param ifExists a missing database is success (true), or an error (false)
 */
public record DropOptions(boolean force, boolean ifExists) {
    public static DropOptions defaults() {
        return new DropOptions(true, true);
    }
}
