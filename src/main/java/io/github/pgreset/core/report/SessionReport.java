package io.github.pgreset.core.report;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.session.Session;
import java.util.List;

/**
 * What the sessions goal saw.
 *
 * @param invalid whether the database is invalid (left by an interrupted DROP DATABASE): nobody can connect to it, and
 *     drop or recreate removes it
 * @param closedByPgreset whether a pgreset goal that was killed left the database refusing connections (its mark
 *     says so): the next pgreset goal on it reopens it
 */
public record SessionReport(
        DatabaseName database,
        ServerVersion serverVersion,
        List<Session> sessions,
        boolean invalid,
        boolean closedByPgreset) {
    public SessionReport {
        sessions = List.copyOf(sessions);
    }
}
