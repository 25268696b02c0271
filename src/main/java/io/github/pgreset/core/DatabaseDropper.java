package io.github.pgreset.core;

import io.github.pgreset.core.MaintenanceConnection.DatabaseRow;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Drops one database however many clients are connected or reconnecting, decided by the server's version:
 *
 * <ul>
 *   <li>13+: {@code DROP DATABASE ... WITH (FORCE)}, which terminates the sessions and drops while holding the
 *       database lock, so no client can slip in; retried while the server still reports the database busy.
 *   <li>older: {@code ALTER DATABASE ... ALLOW_CONNECTIONS false} (which, unlike REVOKE CONNECT, also stops
 *       superusers and the owner), terminate, wait until the backends have exited, drop; retried with backoff.
 *       If the drop finally fails, connections are allowed again.
 * </ul>
 *
 * What FORCE cannot clear is looked up in the catalogs and named, never left as a bare SQLSTATE.
 */
final class DatabaseDropper {
    private static final String NOT_FORCED = "pgreset.force is false, so they were left alone. Close them, or "
            + "set pgreset.force=true (the default) to terminate them.";

    private final MaintenanceConnection connection;
    private final Target target;
    private final ProgressListener progress;
    private final long startNanos = System.nanoTime();
    /** Statements sent before the drop itself (ROLLBACK PREPARED), reported with it. */
    private final List<String> before = new ArrayList<>();
    /** Clients seen on the database after a failed attempt, by who they are: those that keep coming back. */
    private final Map<String, Integer> returning = new LinkedHashMap<>();

    DatabaseDropper(MaintenanceConnection connection, Target target, ProgressListener progress) {
        this.connection = connection;
        this.target = target;
        this.progress = progress;
    }

    DropResult drop(DropOptions options, boolean dryRun) {
        return drop(options, dryRun, connection.targetState(target.database()), null);
    }

    /** As {@link #drop(DropOptions, boolean)}, with what the caller read of the target just before. */
    DropResult drop(DropOptions options, boolean dryRun, MaintenanceConnection.TargetState state) {
        return drop(options, dryRun, state, null);
    }

    /**
     * Like {@link #drop}, but ends with a restore's {@link NameSwap} instead of dropping: the database is renamed
     * aside (instant whatever its size; dropped afterwards, off the restore's path) and the copy renamed into its name,
     * in one transaction. The renamed database stays closed to connections.
     * (There is no FORCE for a rename: the sessions are blocked, terminated and waited for on every version.)
     */
    DropResult moveAside(DropOptions options, boolean dryRun, MaintenanceConnection.TargetState state, NameSwap swap) {
        return drop(options, dryRun, state, swap);
    }

    private DropResult drop(
            DropOptions options, boolean dryRun, MaintenanceConnection.TargetState state, NameSwap swap) {
        DatabaseName database = target.database();
        MaintenanceConnection.CatalogRow catalog = state.catalog();
        requireWritable(catalog);
        DatabaseRow row = catalog.database();
        if (row == null) {
            if (!options.ifExists()) {
                throw missing(target);
            }
            return result(DropResult.Outcome.MISSING, DropMethod.NONE, List.of(), List.of(), 0);
        }
        if (row.template()) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    "Refusing to drop " + target.describe() + ": it is a "
                            + "template database (datistemplate). If it really is to go, run ALTER DATABASE "
                            + database.sql()
                            + " IS_TEMPLATE false first.");
        }
        if (!row.mayDrop()) {
            throw new PgResetException(
                    Problem.PERMISSION_DENIED,
                    "Cannot drop " + target.describe() + ": it belongs to role " + row.owner() + ", and role "
                            + connection.role() + " is neither that role, a member of it, nor a superuser. Connect as "
                            + row.owner() + " or a superuser (pgreset.username), or GRANT "
                            + SqlText.identifier(row.owner()) + " TO " + SqlText.identifier(connection.role())
                            + ". Nothing was terminated.");
        }
        if (Marks.isClosed(row.comment())) {
            row = reopenLeftover(row, dryRun);
        }
        ServerVersion version = connection.version();
        if (row.invalid()) {
            // nobody can connect to an invalid database (an interrupted DROP): a plain DROP cleans it up
            FinalStep drop = FinalStep.of(DatabaseStatements.drop(database, false, version));
            return dryRun
                    ? result(DropResult.Outcome.PLANNED, DropMethod.INVALID, List.of(), drop.statements(), 0)
                    : dropOnce(drop, DropMethod.INVALID);
        }
        if (options.rollbackPrepared()) {
            rollBackPreparedTransactions(dryRun);
        }
        List<Session> sessions = state.sessions();
        DropMethod method = DropMethod.choose(options.force(), swap != null, version);
        boolean blockFirst = method.blocksFirst();
        FinalStep drop =
                swap != null ? swap : FinalStep.of(DatabaseStatements.drop(database, options.force(), version));
        if (dryRun) {
            List<String> plan = new ArrayList<>();
            if (blockFirst && row.allowConnections()) {
                plan.add(closeStatement(row, drop));
            }
            plan.addAll(drop.statements());
            return result(DropResult.Outcome.PLANNED, method, sessions, plan, 0);
        }
        if (!options.force()) {
            if (!sessions.isEmpty()) {
                throw inUse(sessions, NOT_FORCED);
            }
            return dropOnce(drop, DropMethod.PLAIN);
        }
        requireTerminable(sessions);
        return blockFirst ? blockTerminateDrop(row, drop, method) : forceDrop(drop, sessions);
    }

    /**
     * The database is still closed by a goal that was killed before it reopened it (its comment says so): reopened
     * first, with its own comment back, so that a failure of this goal cannot leave it closed either.
     */
    private DatabaseRow reopenLeftover(DatabaseRow row, boolean dryRun) {
        Step reopen = Leftovers.reopen(target.database(), row);
        if (dryRun) {
            before.addAll(reopen.statements());
        } else {
            try {
                reopen.action().run(connection);
            } catch (SQLException e) {
                throw connection.failure(e, reopen.purpose());
            }
            progress.info(new Leftovers(Plan.of(reopen), List.of("reopened " + target.describe())).line());
        }
        return new DatabaseRow(
                row.oid(),
                Marks.before(row.comment()),
                true,
                row.connectionLimit(),
                row.template(),
                row.owner(),
                row.mayDrop());
    }

    /** A standby or a read-only session cannot drop or create databases: refused before anything is terminated. */
    private void requireWritable(MaintenanceConnection.CatalogRow catalog) {
        if (catalog.inRecovery()) {
            throw new PgResetException(
                    Problem.UNSUPPORTED,
                    "Cannot drop " + target.describe() + ": the server is a standby (in recovery), where "
                            + "databases cannot be dropped or created. Point pgreset.url at the primary. Nothing was "
                            + "terminated.");
        }
        if (catalog.readOnly()) {
            throw new PgResetException(
                    Problem.UNSUPPORTED,
                    "Cannot drop " + target.describe() + ": the plugin's session is read-only "
                            + "(default_transaction_read_only is on for role " + connection.role() + ", database "
                            + connection.database() + " or the server). Connect as a role without it, or turn it off "
                            + "(ALTER ROLE " + SqlText.identifier(connection.role())
                            + " SET default_transaction_read_only = off). Nothing was terminated.");
        }
    }

    /**
     * pgreset.rollbackPrepared: rolls back the database's prepared transactions, which survive every session and
     * block DROP. ROLLBACK PREPARED must run in that database, so this opens a short connection to it.
     */
    private void rollBackPreparedTransactions(boolean dryRun) {
        List<MaintenanceConnection.PreparedTransaction> prepared = connection.preparedTransactions(target.database());
        if (prepared.isEmpty()) {
            return;
        }
        if (dryRun) {
            prepared.forEach(p -> before.add(DatabaseStatements.rollbackPrepared(p.gid())));
            return;
        }
        try (MaintenanceConnection in =
                MaintenanceConnection.openIn(target, target.database().value(), connection.deadline())) {
            for (MaintenanceConnection.PreparedTransaction p : prepared) {
                String rollback = DatabaseStatements.rollbackPrepared(p.gid());
                String which = "prepared transaction '" + p.gid() + "' (prepared by " + p.owner() + ")";
                try {
                    in.executeDdl(rollback);
                } catch (SQLException e) {
                    throw in.failure(e, "Rolling back " + which);
                }
                before.add(rollback);
                progress.info("Rolled back " + which + " in " + target.describe() + ".");
            }
        }
    }

    /** One DROP without terminating anyone: a session that connected meanwhile makes it fail, listed. */
    private DropResult dropOnce(FinalStep drop, DropMethod method) {
        try {
            drop.execute(connection);
            return result(DropResult.Outcome.DROPPED, method, List.of(), drop.statements(), 1);
        } catch (SQLException e) {
            if (SqlState.OBJECT_IN_USE.is(e) && method == DropMethod.PLAIN) {
                throw inUse(connection.sessions(target.database()), NOT_FORCED);
            }
            throw ddlFailure(e, "Dropping " + target.describe());
        }
    }

    /** 13+: FORCE terminates and drops under the database lock; retried while a victim is slow to exit. */
    private DropResult forceDrop(FinalStep drop, List<Session> sessions) {
        Duration pause = Backoff.RETRY.first();
        for (int attempt = 1; ; attempt++) {
            try {
                drop.execute(connection);
                return result(DropResult.Outcome.DROPPED, DropMethod.FORCE, sessions, drop.statements(), attempt);
            } catch (SQLException e) {
                if (SqlState.INSUFFICIENT_PRIVILEGE.is(e)) {
                    requireTerminable(connection.sessions(target.database()));
                }
                if (!SqlState.OBJECT_IN_USE.is(e)) {
                    throw ddlFailure(e, "Dropping " + target.describe());
                }
                retryOrGiveUp(e, attempt, pause);
                pause = Backoff.RETRY.next(pause);
            }
        }
    }

    /** Before 13: block new connections, terminate, wait, drop; allow connections again if the drop fails. */
    private DropResult blockTerminateDrop(DatabaseRow row, FinalStep drop, DropMethod method) {
        DatabaseName database = target.database();
        List<String> statements = new ArrayList<>();
        Map<Integer, Session> ended = new LinkedHashMap<>();
        SessionTerminator terminator = new SessionTerminator(connection);
        boolean blocked = false;
        boolean dropped = false;
        try {
            if (row.allowConnections()) {
                String block = closeStatement(row, drop);
                execute(block, "Blocking new connections to " + target.describe());
                statements.add(block);
                blocked = true;
                Plan.pauseIfAsked("close", connection);
            }
            // before 13, DROP waits 5 s for prepared transactions before it fails: look first
            requireNoForceBlockers(null);
            Duration pause = Backoff.RETRY.first();
            for (int attempt = 1; ; attempt++) {
                SessionTerminator.Cleared cleared =
                        terminator.clear(database, "Cannot drop " + target.describe() + ":");
                cleared.ended().forEach(s -> ended.put(s.pid(), s));
                // who kept coming back: on a later attempt everyone ended, on the first those that got in late
                (attempt > 1 ? cleared.ended() : cleared.returning())
                        .forEach(s -> returning.merge(s.who(), 1, Integer::sum));
                if (!cleared.stillRunning().isEmpty()) {
                    throw timeout("backends " + cleared.stillRunning() + " were terminated but had not exited");
                }
                if (!cleared.clear()) {
                    throw timeout("clients kept connecting while connections were blocked");
                }
                try {
                    drop.execute(connection);
                    dropped = true;
                    statements.addAll(drop.statements());
                    return result(DropResult.Outcome.DROPPED, method, List.copyOf(ended.values()), statements, attempt);
                } catch (SQLException e) {
                    if (!SqlState.OBJECT_IN_USE.is(e)) {
                        throw ddlFailure(e, "Dropping " + target.describe());
                    }
                    retryOrGiveUp(e, attempt, pause);
                    pause = Backoff.RETRY.next(pause);
                }
            }
        } finally {
            if (blocked && !dropped) {
                allowConnectionsAgain(row.comment());
            }
        }
    }

    /** Reopens the database this goal closed, with its own comment back; also when the JVM stops the goal. */
    /**
     * Closes the database to new connections, marked so that the next goal reopens it should this one be killed
     * before it drops (or, for a restore, renames) it.
     */
    private String closeStatement(DatabaseRow row, FinalStep drop) {
        String goal = drop instanceof NameSwap ? "restore" : "drop";
        return DatabaseStatements.close(target.database(), Marks.closed(goal, java.time.Instant.now(), row.comment()));
    }

    private void allowConnectionsAgain(String comment) {
        String sql = DatabaseStatements.reopen(target.database(), comment);
        try {
            connection.executeUndo(sql);
            if (connection.stopped()) {
                connection.putBack("reopened " + target.describe());
            } else {
                progress.info("Connections to " + target.describe() + " are allowed again.");
            }
        } catch (SQLException | PgResetException e) {
            progress.info("Could not allow connections to " + target.describe() + " again (" + e.getMessage()
                    + "); the next pgreset goal on it does, or run " + sql + ".");
        }
    }

    /** After 55006: names what force cannot clear, or waits and lets the caller try again until the deadline. */
    private void retryOrGiveUp(SQLException e, int attempt, Duration pause) {
        DatabaseName database = target.database();
        requireNoForceBlockers(e);
        List<Session> present = connection.sessions(database);
        requireTerminable(present);
        present.forEach(s -> returning.merge(s.who(), 1, Integer::sum));
        progress.debug("Attempt " + attempt + " to drop " + target.describe() + " failed ("
                + ServerFailures.serverText(e) + "); " + present.size() + " session(s) present, retrying in "
                + pause.toMillis() + " ms.");
        if (!connection.deadline().pause(pause)) {
            throw timeout("the database stayed in use after " + attempt + " attempts");
        }
    }

    /** Fails, naming them, when prepared transactions, active replication slots or subscriptions hold the database. */
    private void requireNoForceBlockers(SQLException cause) {
        List<String> blockers = connection.forceBlockers(target.database());
        if (!blockers.isEmpty()) {
            throw notClearable("Cannot drop " + target.describe() + ":", blockers, cause);
        }
    }

    /**
     * The failure for what holds a database although no session is left: prepared transactions, active replication
     * slots, subscriptions ({@code blockers}, as {@link MaintenanceConnection#forceBlockers} names them).
     */
    static PgResetException notClearable(String lead, List<String> blockers, SQLException cause) {
        return new PgResetException(
                Problem.DATABASE_IN_USE,
                lead + " it is used by " + String.join(", ", blockers)
                        + ", which terminating sessions cannot clear. Finish prepared transactions (ROLLBACK "
                        + "PREPARED '<gid>' in that database), stop the consumers of replication slots, or drop "
                        + "subscriptions (ALTER SUBSCRIPTION ... DISABLE; ALTER SUBSCRIPTION ... SET (slot_name = "
                        + "NONE); DROP SUBSCRIPTION ...), then run the goal again.",
                cause);
    }

    private void execute(String sql, String action) {
        try {
            connection.executeDdl(sql);
        } catch (SQLException e) {
            throw ddlFailure(e, action);
        }
    }

    /**
     * A failed DDL statement as the user should read it; when it waited for a lock until the timeout, the error
     * names who holds the lock on the database.
     */
    private PgResetException ddlFailure(SQLException e, String action) {
        if (SqlState.timedOut(e)) {
            List<String> holders;
            try {
                holders = connection.lockHolders(target.database());
            } catch (PgResetException lookup) {
                holders = List.of();
            }
            if (!holders.isEmpty()) {
                return new PgResetException(
                        Problem.TIMEOUT,
                        action + " waited for the lock on the database for pgreset.timeout ("
                                + connection.deadline().total().toSeconds() + " s) in vain; it is held by:\n  - "
                                + String.join("\n  - ", holders) + "\nEnd that transaction (COMMIT or ROLLBACK, or "
                                + "terminate the session; a prepared transaction: ROLLBACK PREPARED) and run the goal "
                                + "again.",
                        e);
            }
        }
        return connection.failure(e, action);
    }

    /** Fails, naming each session the role may not terminate and the privilege that would allow it. */
    private void requireTerminable(List<Session> sessions) {
        new SessionTerminator(connection).requireTerminable(sessions, "Cannot drop " + target.describe() + ":");
    }

    private PgResetException timeout(String what) {
        String clients = returning.entrySet().stream()
                .map(e -> "  - " + e.getKey() + " (seen " + e.getValue() + (e.getValue() == 1 ? " time)" : " times)"))
                .collect(Collectors.joining("\n"));
        return new PgResetException(
                Problem.TIMEOUT,
                "Could not drop " + target.describe() + " within pgreset.timeout ("
                        + connection.deadline().total().toSeconds() + " s): " + what + "."
                        + (clients.isEmpty() ? "" : " These sessions kept coming back:\n" + clients + "\n")
                        + " Stop those clients, or raise pgreset.timeout.");
    }

    private PgResetException inUse(List<Session> sessions, String advice) {
        return new PgResetException(
                Problem.DATABASE_IN_USE,
                "Cannot drop " + target.describe() + ": "
                        + SessionTable.summary(target.database(), sessions) + ". " + advice + "\n"
                        + String.join("\n", SessionTable.render(sessions, java.time.OffsetDateTime.now())));
    }

    static PgResetException missing(Target target) {
        return new PgResetException(
                Problem.DATABASE_MISSING,
                "The " + target.describe() + " does not exist. Check "
                        + "pgreset.database / pgreset.url"
                        + " (names are case-sensitive), or set pgreset.ifExists=true to "
                        + "treat a missing database as done.");
    }

    private DropResult result(
            DropResult.Outcome outcome, DropMethod method, List<Session> ended, List<String> statements, int attempts) {
        List<String> sent = new ArrayList<>(before);
        sent.addAll(statements);
        return new DropResult(
                target.database(),
                connection.version(),
                outcome,
                method,
                ended,
                sent,
                attempts,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
