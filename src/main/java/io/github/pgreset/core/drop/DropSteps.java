package io.github.pgreset.core.drop;

import io.github.pgreset.core.catalog.CatalogQueries;
import io.github.pgreset.core.catalog.PreparedTransaction;
import io.github.pgreset.core.connection.Backoff;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.ServerFailures;
import io.github.pgreset.core.connection.SqlState;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.plan.PlanContext;
import io.github.pgreset.core.plan.Repairs;
import io.github.pgreset.core.plan.Step;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.SessionTable;
import io.github.pgreset.core.session.SessionTerminator;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Carries out the steps a {@link DropPlanner} planned, on the plan's connection, and counts what they did: the
 * sessions ended, the clients that kept coming back, the attempts. What FORCE cannot clear is looked up in the
 * catalogs and named, never left as a bare SQLSTATE.
 */
public final class DropSteps {
    private static final String NOT_FORCED = "pgreset.force is false, so they were left alone. Close them, or "
            + "set pgreset.force=true (the default) to terminate them.";

    private final PlanContext context;
    private final ProgressListener progress;
    private final Map<Integer, Session> ended = new LinkedHashMap<>();
    /** Clients seen on the database after a failed attempt, by who they are: those that keep coming back. */
    private final Map<String, Integer> returning = new LinkedHashMap<>();

    private int attempts;
    private Duration pause = Backoff.RETRY.first();
    /** The sessions the close step signalled, which the terminate step waits for; {@code null}: none signalled yet. */
    private SessionTerminator.Signalled signalledOnClose;

    DropSteps(PlanContext context, ProgressListener progress) {
        this.context = context;
        this.progress = progress;
    }

    List<Session> ended() {
        return List.copyOf(ended.values());
    }

    int attempts() {
        return attempts;
    }

    /** {@code Cannot drop database "chat" on localhost:5432:}, how a refusal of the drop begins. */
    static String lead(Target target) {
        return "Cannot drop " + target.describe() + ":";
    }

    /** Reopens a database a killed goal left closed, and says so. */
    void repair(MaintenanceConnection connection, Step reopen) throws SQLException {
        reopen.action().run(connection);
        progress.info(Repairs.line(List.of("reopened " + context.target().describe())));
    }

    /**
     * pgreset.rollbackPrepared: rolls back the database's prepared transactions, which survive every session and block
     * DROP. ROLLBACK PREPARED must run in that database, so this opens a short connection to it.
     */
    void rollBack(MaintenanceConnection connection, List<PreparedTransaction> prepared) {
        Target target = context.target();
        try (MaintenanceConnection in =
                MaintenanceConnection.openIn(target, target.database().value(), connection.deadline())) {
            for (PreparedTransaction p : prepared) {
                String which = "prepared transaction '" + p.gid() + "' (prepared by " + p.owner() + ")";
                try {
                    in.executeDdl(DatabaseStatements.rollbackPrepared(p.gid()));
                } catch (SQLException e) {
                    throw in.failure(e, "Rolling back " + which);
                }
                progress.info("Rolled back " + which + " in " + target.describe() + ".");
            }
        }
    }

    /**
     * Closes the database to new connections and signals the sessions on it to end, in one round trip; {@link #clear}
     * waits for them. A session the role may not end is refused there, once the close's undo is in place.
     */
    void close(MaintenanceConnection connection, String close, String action) {
        try {
            signalledOnClose = new SessionTerminator(connection)
                    .signalAfter(close, context.target().database());
        } catch (SQLException e) {
            throw ddlFailure(connection, e, action);
        }
    }

    /** One DROP (or swap) without terminating anyone: a session that connected meanwhile makes it fail, listed. */
    void dropOnce(MaintenanceConnection connection, FinalStep end) {
        attempts++;
        try {
            end.execute(connection);
        } catch (SQLException e) {
            if (SqlState.OBJECT_IN_USE.is(e)) {
                throw inUse(
                        context.target(),
                        CatalogQueries.sessions(connection, context.target().database()));
            }
            throw ddlFailure(connection, e, "Dropping " + context.target().describe());
        }
    }

    /** 13+: FORCE terminates and drops under the database lock; retried while a victim is slow to exit. */
    void forceDrop(MaintenanceConnection connection, FinalStep end, List<Session> sessions) {
        while (true) {
            attempts++;
            try {
                end.execute(connection);
                sessions.forEach(s -> ended.put(s.pid(), s));
                return;
            } catch (SQLException e) {
                if (SqlState.INSUFFICIENT_PRIVILEGE.is(e)) {
                    SessionTerminator.requireTerminable(
                            CatalogQueries.sessions(connection, context.target().database()),
                            lead(context.target()),
                            context.role());
                }
                if (!SqlState.OBJECT_IN_USE.is(e)) {
                    throw ddlFailure(
                            connection, e, "Dropping " + context.target().describe());
                }
                waitToRetry(connection, e);
            }
        }
    }

    /**
     * On a database closed to new connections: terminates until nobody but the plugin is left (what no termination
     * clears was refused by the plan, from the read).
     */
    void clear(MaintenanceConnection connection) {
        SessionTerminator.Cleared cleared = new SessionTerminator(connection)
                .clear(context.target().database(), lead(context.target()), signalledOnClose);
        signalledOnClose = null;
        cleared.ended().forEach(s -> ended.put(s.pid(), s));
        // who kept coming back: after a failed attempt everyone ended, on the first round those that got in late
        (attempts > 0 ? cleared.ended() : cleared.returning()).forEach(s -> returning.merge(s.who(), 1, Integer::sum));
        if (!cleared.stillRunning().isEmpty()) {
            throw timeout(connection, "backends " + cleared.stillRunning() + " were terminated but had not exited");
        }
        if (!cleared.clear()) {
            throw timeout(connection, "clients kept connecting while connections were blocked");
        }
    }

    /**
     * A restore's swap of a target nobody was on at the read, tried before anything closes it; when a client connected
     * since, the {@code longer} plan: close, terminate, swap.
     */
    void swapIfNobodyOn(MaintenanceConnection connection, FinalStep.WhenNobodyOn swap, Plan longer) {
        String target = context.target().describe();
        try {
            if (swap.executeIfNobodyOn(connection)) {
                return;
            }
        } catch (SQLException e) {
            throw ddlFailure(connection, e, "Swapping the copy into the name of " + target);
        }
        progress.debug("Somebody connected to " + target + " since the read: closing it, ending the sessions, and"
                + " swapping then.");
        longer.execute(connection, progress);
    }

    /** The drop (or swap) of a cleared database; while the server still finds it in use, cleared again and retried. */
    void dropCleared(MaintenanceConnection connection, FinalStep end) {
        while (true) {
            attempts++;
            try {
                end.execute(connection);
                return;
            } catch (SQLException e) {
                if (!SqlState.OBJECT_IN_USE.is(e)) {
                    throw ddlFailure(
                            connection, e, "Dropping " + context.target().describe());
                }
                waitToRetry(connection, e);
                clear(connection);
            }
        }
    }

    /** After 55006: names what force cannot clear, or waits and lets the caller try again until the deadline. */
    private void waitToRetry(MaintenanceConnection connection, SQLException e) {
        requireNoForceBlockers(connection, e);
        List<Session> present =
                CatalogQueries.sessions(connection, context.target().database());
        SessionTerminator.requireTerminable(present, lead(context.target()), context.role());
        present.forEach(s -> returning.merge(s.who(), 1, Integer::sum));
        progress.debug("Attempt " + attempts + " to drop " + context.target().describe() + " failed ("
                + ServerFailures.serverText(e) + "); " + present.size() + " session(s) present, retrying in "
                + pause.toMillis() + " ms.");
        if (!connection.deadline().pause(pause)) {
            throw timeout(connection, "the database stayed in use after " + attempts + " attempts");
        }
        pause = Backoff.RETRY.next(pause);
    }

    /** Fails, naming them, when prepared transactions, active replication slots or subscriptions hold the database. */
    private void requireNoForceBlockers(MaintenanceConnection connection, SQLException cause) {
        List<String> blockers =
                CatalogQueries.forceBlockers(connection, context.target().database());
        if (!blockers.isEmpty()) {
            throw notClearable(lead(context.target()), blockers, cause);
        }
    }

    /**
     * The failure for what holds a database although no session is left: prepared transactions, active replication
     * slots, subscriptions ({@code blockers}, as {@link CatalogQueries#forceBlockers} names them).
     */
    public static PgResetException notClearable(String lead, List<String> blockers, SQLException cause) {
        return new PgResetException(
                Problem.DATABASE_IN_USE,
                lead + " it is used by " + String.join(", ", blockers)
                        + ", which terminating sessions cannot clear. Finish prepared transactions (ROLLBACK "
                        + "PREPARED '<gid>' in that database), stop the consumers of replication slots, or drop "
                        + "subscriptions (ALTER SUBSCRIPTION ... DISABLE; ALTER SUBSCRIPTION ... SET (slot_name = "
                        + "NONE); DROP SUBSCRIPTION ...), then run the goal again.",
                cause);
    }

    /**
     * A failed DDL statement as the user should read it; when it waited for a lock until the timeout, the error names
     * who holds the lock on the database.
     */
    private PgResetException ddlFailure(MaintenanceConnection connection, SQLException e, String action) {
        if (SqlState.timedOut(e)) {
            List<String> holders;
            try {
                holders =
                        CatalogQueries.lockHolders(connection, context.target().database());
            } catch (PgResetException lookup) {
                holders = List.of();
            }
            if (!holders.isEmpty()) {
                return new PgResetException(
                        Problem.TIMEOUT,
                        action + " waited for the lock on the database for "
                                + connection.deadline().describe() + " in vain; it is held by:\n  - "
                                + String.join("\n  - ", holders) + "\nEnd that transaction (COMMIT or ROLLBACK, or "
                                + "terminate the session; a prepared transaction: ROLLBACK PREPARED) and run the goal "
                                + "again.",
                        e);
            }
        }
        return connection.failure(e, action);
    }

    private PgResetException timeout(MaintenanceConnection connection, String what) {
        String clients = returning.entrySet().stream()
                .map(e -> "  - " + e.getKey() + " (seen " + e.getValue() + (e.getValue() == 1 ? " time)" : " times)"))
                .collect(Collectors.joining("\n"));
        return new PgResetException(
                Problem.TIMEOUT,
                "Could not drop " + context.target().describe() + " within "
                        + connection.deadline().describe() + ": " + what + "."
                        + (clients.isEmpty() ? "" : " These sessions kept coming back:\n" + clients + "\n")
                        + " Stop those clients, or raise pgreset.timeout.");
    }

    /** The refusal of a drop without {@code force} while sessions are on the database, listing them. */
    static PgResetException inUse(Target target, List<Session> sessions) {
        return new PgResetException(
                Problem.DATABASE_IN_USE,
                lead(target) + " " + SessionTable.summary(target.database(), sessions) + ". " + NOT_FORCED + "\n"
                        + String.join("\n", SessionTable.render(sessions, OffsetDateTime.now())));
    }
}
