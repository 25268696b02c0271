package io.github.pgreset.core.drop;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.session.Session;
import java.time.Duration;
import java.util.List;

/**
 * What drop did.
 *
 * @param outcome dropped, missing (and so nothing to do) or planned (dry run)
 * @param method how the sessions were dealt with, e.g. {@code DROP DATABASE ... WITH (FORCE)}
 * @param terminated the sessions that were on the database and were ended (in a dry run: would be)
 * @param statements the DDL sent (in a dry run: that would be sent)
 * @param attempts how many times DROP was tried
 */
public record DropResult(
        DatabaseName database,
        ServerVersion serverVersion,
        Outcome outcome,
        DropMethod method,
        List<Session> terminated,
        List<String> statements,
        int attempts,
        Duration elapsed) {

    public enum Outcome {
        DROPPED,
        MISSING,
        PLANNED
    }

    public DropResult {
        terminated = List.copyOf(terminated);
        statements = List.copyOf(statements);
    }
}
