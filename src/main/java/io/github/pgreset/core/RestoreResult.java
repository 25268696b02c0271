package io.github.pgreset.core;

import java.time.Duration;
import java.util.List;

/**
 * What restore did.
 *
 * @param swapped whether a prepared copy was renamed into place (milliseconds) rather than the snapshot cloned
 * @param terminated the sessions on the target that were ended
 * @param strategy how the snapshot was cloned when there was no prepared copy (15+), else {@code null}
 * @param elapsed until the target was fresh and accepted connections
 * @param statements the DDL sent (in a dry run: that would be sent)
 * @param dryRun whether nothing was changed
 */
public record RestoreResult(
        SnapshotNames names,
        ServerVersion serverVersion,
        boolean swapped,
        List<Session> terminated,
        Strategy strategy,
        Duration elapsed,
        List<String> statements,
        boolean dryRun) {
    public RestoreResult {
        terminated = List.copyOf(terminated);
        statements = List.copyOf(statements);
    }
}
