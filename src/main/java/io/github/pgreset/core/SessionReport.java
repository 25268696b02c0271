package io.github.pgreset.core;

import java.util.List;

/** What the sessions goal saw. */
public record SessionReport(DatabaseName database, ServerVersion serverVersion, List<Session> sessions) {
    public SessionReport {
        sessions = List.copyOf(sessions);
    }
}
