package io.github.pgreset.core.session;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.ServerVersion;
import java.time.Duration;
import java.util.List;

/**
 * What the terminate goal ended.
 *
 * @param terminated sessions that were terminated and have exited (in a dry run: that would be terminated)
 * @param dryRun whether nothing was changed
 */
public record TerminateResult(
        DatabaseName database,
        ServerVersion serverVersion,
        List<Session> terminated,
        boolean dryRun,
        Duration elapsed) {
    public TerminateResult {
        terminated = List.copyOf(terminated);
    }
}
