package io.github.pgreset.core.plan;

import io.github.pgreset.core.catalog.CatalogQueries;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SqlState;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.connection.Target;
import java.sql.SQLException;
import java.util.List;

/**
 * Serialises the goals that change one database: builds that recreate the same database at the same moment (parallel
 * CI jobs on one server, a -T reactor whose modules share a database) take turns instead of dropping each other's
 * fresh database halfway. A session-level advisory lock keyed on the database name, taken on the maintenance
 * connection and released when it closes, so a goal that dies cannot leave it behind. The wait is bounded by
 * pgreset.timeout (lock_timeout).
 *
 * <p>Advisory locks belong to the database the session is connected to: goals that use different maintenance
 * databases do not see each other's lock.
 */
public final class GoalLock {
    /** The lock's first key: "pgrs". The second is the hash of the database name. */
    private static final int KEY = 0x70677273;

    /** Takes the lock if it is free: an expression, read in the first statement of the goal's first read. */
    static final String TRY_LOCK = "pg_try_advisory_lock(" + KEY + ", hashtext(?))";
    /** The waiting variant, as one statement to run with the name as a literal (its failure's SQLSTATE matters). */
    static String lock(DatabaseName database) {
        return "SELECT pg_advisory_lock(" + KEY + ", hashtext(" + SqlText.literal(database.value()) + "))";
    }

    /**
     * Releases the lock on a session that stays open ({@link MaintenanceConnection#lease}), as closing the session
     * would; every hold of it, should the goal have taken it twice.
     */
    public static void release(MaintenanceConnection connection, DatabaseName database) {
        String unlock = "SELECT pg_advisory_unlock(" + KEY + ", hashtext(?)) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND pid = pg_backend_pid() AND classid = " + KEY + " AND objid = hashtext(?)::oid AND objsubid = 2";
        // one hold per statement: pg_locks has one row for a lock however often the session took it
        for (int holds = 0; holds < 8; holds++) {
            if (connection
                    .query(unlock, List.of(database.value(), database.value()), rs -> rs.getBoolean(1))
                    .isEmpty()) {
                return;
            }
        }
    }

    static final String HOLDER = "SELECT l.pid, a.application_name, a.client_addr::text AS client FROM pg_locks l"
            + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
            + " AND l.classid = " + KEY + " AND l.objid = hashtext(?)::oid AND l.objsubid = 2"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private GoalLock() {}

    /**
     * Takes the lock and reads what the goal plans from ({@link CatalogQueries#targetState}, what no termination clears
     * with {@code blockers}) in one round trip; when another goal holds the lock, waits for it (saying so) and reads
     * again, since that goal changed what was read.
     */
    public static TargetState lockAndRead(
            MaintenanceConnection connection,
            Target target,
            List<DatabaseName> related,
            boolean blockers,
            ProgressListener progress) {
        long start = System.nanoTime();
        CatalogQueries.AfterFirst read = CatalogQueries.targetStateAfter(
                connection, TRY_LOCK, target.database().value(), target.database(), related, blockers);
        // with mvn -X, next to each step's time
        progress.debug(String.format(
                java.util.Locale.ROOT, "Goal lock and first read: %.1f ms.", (System.nanoTime() - start) / 1e6));
        if (read.first()) {
            return read.state();
        }
        waitFor(connection, target, progress);
        return CatalogQueries.targetState(connection, target.database(), related, blockers);
    }

    private static void waitFor(MaintenanceConnection connection, Target target, ProgressListener progress) {
        String name = target.database().value();
        List<String> holders = connection.query(
                HOLDER,
                List.of(name),
                rs -> "pid " + rs.getInt("pid") + " (application \"" + rs.getString("application_name") + "\", from "
                        + (rs.getString("client") == null ? "local socket" : rs.getString("client")) + ")");
        progress.info("Waiting for another pgreset goal on " + target.describe() + " to finish"
                + (holders.isEmpty() ? "" : ": " + String.join(", ", holders)) + ".");
        try {
            connection.executeDdl(lock(target.database()));
        } catch (SQLException e) {
            if (SqlState.timedOut(e)) {
                throw new PgResetException(
                        Problem.TIMEOUT,
                        "Another pgreset goal kept working on " + target.describe() + " for longer than "
                                + connection.deadline().describe()
                                + (holders.isEmpty() ? "" : ": " + String.join(", ", holders))
                                + ". Wait for that build, or raise pgreset.timeout.",
                        e);
            }
            throw connection.failure(e, "Waiting for another pgreset goal on " + target.describe());
        }
    }
}
