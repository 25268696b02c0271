package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.catalog.CatalogQueries;
import io.github.pgreset.core.connection.Backoff;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ServerFailures;
import io.github.pgreset.core.connection.SqlState;
import io.github.pgreset.core.drop.DropSteps;
import io.github.pgreset.core.plan.PlanContext;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.SessionTerminator;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a snapshot's copy: a database can be copied only while nobody is connected to it, so its sessions are
 * ended (newcomers included) until the copy gets through. Counts the sessions it ended and times the copy.
 */
public final class SnapshotCopy {
    private final PlanContext context;
    private final DatabaseName source;
    private final Map<Integer, Session> terminated = new LinkedHashMap<>();
    private Duration took = Duration.ZERO;
    /** The sessions the close step signalled, which the copy's first round waits for; {@code null}: none yet. */
    private SessionTerminator.Signalled signalledOnClose;

    SnapshotCopy(PlanContext context, DatabaseName source) {
        this.context = context;
        this.source = source;
    }

    /** {@code Cannot snapshot database "chat" on localhost:5432:}, how a refusal of the snapshot begins. */
    String refusal() {
        return "Cannot snapshot " + context.describe(source) + ":";
    }

    List<Session> terminated() {
        return List.copyOf(terminated.values());
    }

    /** How long the copy that got through took. */
    Duration took() {
        return took;
    }

    /**
     * Closes the source to new connections ({@code close}) and signals its sessions to end, in one round trip; the
     * copy waits for them.
     */
    void close(MaintenanceConnection connection, String close) {
        try {
            signalledOnClose = new SessionTerminator(connection).signalAfter(close, source);
        } catch (SQLException e) {
            throw connection.failure(e, "Closing " + context.describe(source) + " to new connections");
        }
    }

    /**
     * Copies the source, closed to new connections, once nobody else is connected to it: sets the session's copy
     * settings, waits for the sessions the close signalled and terminates those that came after, copies, and when the
     * server still finds the database in use (a backend that was starting up is not yet in pg_stat_activity)
     * terminates and copies again until pgreset.timeout. What no termination clears was refused by the plan.
     */
    void copyAlone(MaintenanceConnection connection, CopyMethod method, String copy) throws SQLException {
        if (!method.settings().isEmpty()) {
            connection.executeDdl(String.join("; ", method.settings()));
        }
        SessionTerminator terminator = new SessionTerminator(connection);
        Duration pause = Backoff.RETRY.first();
        while (true) {
            SessionTerminator.Cleared cleared = terminator.clear(source, refusal(), signalledOnClose);
            signalledOnClose = null;
            cleared.ended().forEach(s -> terminated.put(s.pid(), s));
            if (!cleared.clear()) {
                throw timeout(
                        connection,
                        cleared.stillRunning().isEmpty()
                                ? "clients kept connecting while connections were blocked"
                                : "backends " + cleared.stillRunning() + " were terminated but had not exited");
            }
            long start = System.nanoTime();
            try {
                connection.executeDdl(copy);
                took = Duration.ofNanos(System.nanoTime() - start);
                return;
            } catch (SQLException e) {
                if (!SqlState.OBJECT_IN_USE.is(e)) {
                    throw connection.failure(e, "Copying " + context.describe(source));
                }
                requireNothingTerminationCannotClear(connection, e);
                if (!connection.deadline().pause(pause)) {
                    throw timeout(connection, "the database stayed in use (" + ServerFailures.serverText(e) + ")");
                }
                pause = Backoff.RETRY.next(pause);
            }
        }
    }

    private void requireNothingTerminationCannotClear(MaintenanceConnection connection, SQLException cause) {
        List<String> blockers = CatalogQueries.forceBlockers(connection, source);
        if (!blockers.isEmpty()) {
            throw DropSteps.notClearable(refusal(), blockers, cause);
        }
    }

    private PgResetException timeout(MaintenanceConnection connection, String what) {
        return new PgResetException(
                Problem.TIMEOUT,
                "Could not snapshot " + context.describe(source) + " within "
                        + connection.deadline().describe() + ": " + what
                        + ". Stop the clients of that database, or raise pgreset.timeout.");
    }
}
