package io.github.pgreset.core;

import java.time.Duration;
import java.util.List;

/**
 * What restore did.
 *
 * @param swapped whether a prepared copy was renamed into place (milliseconds) rather than the snapshot cloned
 * @param terminated the sessions on the target that were ended
 * @param copyMethod how the snapshot was copied when there was no prepared copy, else {@code null}
 * @param elapsed until the target was fresh and accepted connections
 * @param statements the DDL sent (in a dry run: that would be sent)
 * @param dryRun whether nothing was changed
 */
public record RestoreResult(
        SnapshotNames names,
        ServerVersion serverVersion,
        boolean swapped,
        List<Session> terminated,
        CopyMethod copyMethod,
        Duration elapsed,
        List<String> statements,
        boolean dryRun) {
    public RestoreResult {
        terminated = List.copyOf(terminated);
        statements = List.copyOf(statements);
    }
}
