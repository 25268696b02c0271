package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.connection.Backoff;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.SqlState;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.drop.DatabaseStatements;
import io.github.pgreset.core.drop.FinalStep;
import io.github.pgreset.core.session.SessionQueries;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A restore's swap, in one transaction: the target renamed aside (and marked for the background drop), the copy
 * renamed into its name, opened and unmarked. A client finds the old database or the fresh one, never the name missing.
 *
 * <p>One race is left by the transaction alone: a client that looked the name up before the commit and waits on the
 * old database's lock finds it renamed afterwards ("database does not exist ... It seems to have just been dropped or
 * renamed"). A superuser closes it: {@code LOCK pg_database} holds back every new connection's name lookup until the
 * commit (a millisecond). Where that lock is not granted within {@link #HOLD_WAIT} (a long transaction that read
 * pg_database), the swap goes on without it rather than keep the server's new connections waiting. Holding it, the swap
 * waits for no other lock: a backend that had looked up the old database before holds that database's lock while it
 * waits for pg_database (a deadlock the server would break by failing one of the two), so the swap gives way and is
 * tried again.
 *
 * @param aside the target's name while it waits for its drop, or {@code null} when there is no target to move
 * @param holdBackConnections whether to lock pg_database for the swap (superusers only)
 */
public record NameSwap(
        DatabaseName target, DatabaseName copy, DatabaseName aside, String asideMark, boolean holdBackConnections)
        implements FinalStep {
    static final String HOLD_BACK = "LOCK TABLE pg_catalog.pg_database IN ACCESS EXCLUSIVE MODE";
    /** How long the swap may wait for the lock on pg_database; new connections to the whole server wait meanwhile. */
    static final Duration HOLD_WAIT = Duration.ofMillis(200);
    /** How long a statement of the swap may wait for a lock while pg_database is held. */
    static final Duration SWAP_WAIT = Duration.ofMillis(20);

    private static final String SAVEPOINT = "pgreset_hold_back";
    /** Set once pg_database is held, before the swap's statements. */
    private static final String SWAP_SAVEPOINT = "pgreset_swap";

    /**
     * The swap of a target nobody was on when the goal read it, without closing it first: a superuser's ({@code null}
     * otherwise, as without the hold-back a client could connect between the check and the rename).
     */
    FinalStep.WhenNobodyOn whenNobodyOn() {
        return holdBackConnections && aside != null ? new Unclosed() : null;
    }

    /**
     * {@link #whenNobodyOn}: in one round trip and one transaction, the hold-back, the check that nobody is on the
     * target ({@link SessionQueries#NOBODY_ON}), the swap, and the target closed under its new name (as the longer way
     * leaves it). Nobody can start a session on the target while pg_database is held; a backend that looked its name up
     * before holds its lock, which the rename would wait for: the swap gives way then. When the check finds someone,
     * pg_database is not granted in time, or the rename would wait, the transaction is rolled back, having changed
     * nothing, and the longer way runs: close, terminate, {@link #execute}.
     */
    private final class Unclosed implements FinalStep.WhenNobodyOn {
        @Override
        public List<String> statements() {
            List<String> sql = new ArrayList<>();
            sql.add(HOLD_BACK);
            sql.add(nobodyOnTarget());
            sql.addAll(swap());
            sql.add(DatabaseStatements.allowConnections(aside, false));
            return sql;
        }

        @Override
        public boolean executeIfNobodyOn(MaintenanceConnection connection) throws SQLException {
            // the hold-back with its lock timeouts in place of the bare LOCK the dry run shows
            List<String> planned = statements();
            List<String> sql = new ArrayList<>(List.of(holdBack()));
            sql.addAll(planned.subList(1, planned.size()));
            sql.add("COMMIT");
            try {
                connection.executeDdl(String.join("; ", sql));
                return true;
            } catch (SQLException e) {
                try {
                    connection.executeUndo("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                    throw e;
                }
                if (SqlState.DIVISION_BY_ZERO.is(e)
                        || SqlState.LOCK_NOT_AVAILABLE.is(e)
                        || SqlState.OBJECT_IN_USE.is(e)) {
                    return false;
                }
                throw e;
            }
        }

        /** The check, with a word for whoever reads it in a dry run or the server's log. */
        private String nobodyOnTarget() {
            return "/* fails when a client connected since the read: the restore then closes the database, ends its"
                    + " sessions and swaps */ "
                    + String.format(java.util.Locale.ROOT, SessionQueries.NOBODY_ON, SqlText.literal(target.value()));
        }
    }

    /** The same swap for a free name (no target to move aside). */
    NameSwap withoutAside() {
        return new NameSwap(target, copy, null, asideMark, holdBackConnections);
    }

    @Override
    public List<String> statements() {
        List<String> sql = new ArrayList<>();
        if (holdBackConnections) {
            sql.add(HOLD_BACK);
        }
        sql.addAll(swap());
        return sql;
    }

    private List<String> swap() {
        List<String> sql = new ArrayList<>();
        if (aside != null) {
            sql.add(DatabaseStatements.rename(target, aside));
            sql.add(DatabaseStatements.comment(aside, asideMark));
        }
        sql.add(DatabaseStatements.rename(copy, target));
        sql.add(DatabaseStatements.allowConnections(target, true));
        // it is the user's database now, no longer one pgreset made (and may drop) for the snapshot
        sql.add(DatabaseStatements.removeComment(target));
        return sql;
    }

    @Override
    public void execute(MaintenanceConnection connection) throws SQLException {
        Duration pause = Backoff.RETRY.first();
        while (true) {
            try {
                swapOnce(connection);
                return;
            } catch (SQLException e) {
                // a backend starting up in the old database holds its lock and needs pg_database for its last check:
                // let it go (it is refused, the database is closed), then swap again
                if (!holdBackConnections
                        || !SqlState.LOCK_NOT_AVAILABLE.is(e)
                        || !connection.deadline().pause(pause)) {
                    throw e;
                }
                pause = Backoff.RETRY.next(pause);
            }
        }
    }

    /**
     * The swap's transaction in one round trip: without the hold-back, statements sent in one query commit together
     * (an implicit transaction); with it, the hold-back opens the transaction and the swap closes it, in the same query.
     * When pg_database is not granted in time, the rest of that query is skipped: the swap goes on without the
     * hold-back, in two more round trips. On a failure the transaction is rolled back.
     */
    private void swapOnce(MaintenanceConnection connection) throws SQLException {
        String swap = String.join("; ", swap());
        if (!holdBackConnections) {
            connection.executeDdl(swap);
            return;
        }
        try {
            try {
                connection.executeDdl(holdBack() + "; SAVEPOINT " + SWAP_SAVEPOINT + "; " + swap + "; COMMIT");
            } catch (SQLException e) {
                if (!SqlState.LOCK_NOT_AVAILABLE.is(e) || reachedTheSwap(connection)) {
                    // a statement of the swap waited for a lock while pg_database was held: rolled back, tried again
                    throw e;
                }
                connection.executeDdl(swap + "; COMMIT");
            }
        } catch (SQLException | RuntimeException e) {
            try {
                connection.executeUndo("ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /**
     * Begins the transaction and locks pg_database, waiting {@link #HOLD_WAIT} at most; then nothing of the swap may
     * wait longer than {@link #SWAP_WAIT} for a lock, so that the swap never waits on a backend that waits on
     * pg_database (a deadlock). When the lock is not granted, rolling back to the savepoint also undoes the SET LOCAL,
     * and the swap goes on without the lock, waiting as any statement of the goal.
     */
    private static String holdBack() {
        return String.join(
                "; ",
                "BEGIN",
                "SAVEPOINT " + SAVEPOINT,
                lockTimeout(HOLD_WAIT, true),
                HOLD_BACK,
                lockTimeout(SWAP_WAIT, true));
    }

    /**
     * After a lock was not granted: whether the swap's statements had begun (holding pg_database), or the hold-back
     * itself was not granted. In the second case the transaction is rolled back to before the hold-back, for the swap
     * to go on without it.
     */
    private static boolean reachedTheSwap(MaintenanceConnection connection) throws SQLException {
        try {
            connection.executeDdl("ROLLBACK TO SAVEPOINT " + SWAP_SAVEPOINT);
            return true;
        } catch (SQLException e) {
            if (!SqlState.NO_SUCH_SAVEPOINT.is(e)) {
                throw e;
            }
            connection.executeDdl("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
            return false;
        }
    }

    /** {@code SET [LOCAL] lock_timeout}: LOCAL lasts until the end of the transaction. */
    private static String lockTimeout(Duration timeout, boolean local) {
        return "SET " + (local ? "LOCAL " : "") + "lock_timeout = '" + timeout.toMillis() + "ms'";
    }
}
