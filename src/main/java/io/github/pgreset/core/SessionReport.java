package io.github.pgreset.core;

import java.util.List;

/**
 * What the sessions goal saw.
 *
 * @param invalid whether the database is invalid (left by an interrupted DROP DATABASE): nobody can connect to it, and
 *     drop or recreate removes it
 */
public record SessionReport(
        DatabaseName database, ServerVersion serverVersion, List<Session> sessions, boolean invalid) {
    public SessionReport {
        sessions = List.copyOf(sessions);
    }
}
