package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreateResult;
import io.github.pgreset.core.session.Session;
import java.time.Duration;
import java.util.ArrayList;
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
 * @param stale why the snapshot was not restored and the database recreated empty instead ({@code
 *     pgreset.onStaleSnapshot=recreate}), with what recreate did; {@code null} when it was restored
 */
public record RestoreResult(
        SnapshotNames names,
        ServerVersion serverVersion,
        boolean swapped,
        List<Session> terminated,
        CopyMethod copyMethod,
        Duration elapsed,
        List<String> statements,
        boolean dryRun,
        Stale stale) {

    /**
     * A restore that recreated the database instead.
     *
     * @param reason why the snapshot was stale: {@code there is no snapshot "chat_snapshot" yet}
     */
    public record Stale(String reason, RecreateResult recreated) {}

    /** The database recreated empty, for the migrations, since the snapshot was stale. */
    public static RestoreResult recreated(SnapshotNames names, String reason, RecreateResult recreated) {
        DropResult drop = recreated.drop();
        List<String> statements = new ArrayList<>(drop.statements());
        statements.add(recreated.createStatement());
        return new RestoreResult(
                names,
                drop.serverVersion(),
                false,
                drop.terminated(),
                null,
                recreated.elapsed(),
                statements,
                recreated.dryRun(),
                new Stale(reason, recreated));
    }

    public RestoreResult {
        terminated = List.copyOf(terminated);
        statements = List.copyOf(statements);
    }
}
