package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.session.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What snapshot did.
 *
 * @param terminated sessions on the database that were ended so that it could be copied
 * @param copyMethod how the copy was made
 * @param copy how long the copy itself took
 * @param elapsed the whole goal, the prepared copy excluded
 * @param statements the DDL sent
 * @param replaced the snapshot of that name this one replaced, {@code null} when there was none
 * @param dryRun whether nothing was changed: the sessions and statements are those it would end and send
 * @param upToDate whether the snapshot was already made from the current pgreset.snapshotSources and was kept as it
 *     is: nothing terminated, copied or sent
 */
public record SnapshotResult(
        SnapshotNames names,
        ServerVersion serverVersion,
        List<Session> terminated,
        CopyMethod copyMethod,
        Duration copy,
        Duration elapsed,
        List<String> statements,
        Replaced replaced,
        boolean dryRun,
        boolean upToDate) {

    /** @param takenAt when the replaced snapshot was taken, {@code null} when its mark does not say */
    /**
     * The snapshot this one replaced.
     *
     * @param takenAt when it was taken; {@code null} when its mark does not say
     * @param of the database it was taken of; {@code null} when its mark does not say
     */
    public record Replaced(Instant takenAt, String of) {}

    public SnapshotResult {
        terminated = List.copyOf(terminated);
        statements = List.copyOf(statements);
    }

    /** A snapshot kept as it is: its sources have not changed since it was taken. */
    static SnapshotResult upToDate(SnapshotNames names, ServerVersion serverVersion, Duration elapsed, boolean dryRun) {
        return new SnapshotResult(
                names, serverVersion, List.of(), null, Duration.ZERO, elapsed, List.of(), null, dryRun, true);
    }
}
