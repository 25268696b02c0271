package io.github.pgreset.core;

import io.github.pgreset.core.MaintenanceConnection.DatabaseRow;
import io.github.pgreset.core.ServerVersion.Feature;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshots: a template copy of a database, closed to connections, and a prepared copy of that template waiting to be
 * swapped in. {@code restore} then makes the target fresh by renaming it out of the way and the prepared copy into its
 * place, which takes milliseconds whatever the size; the old database is dropped and the next copy prepared afterwards,
 * off the restore's path. Without a prepared copy, restore clones the snapshot directly. Only one prepared copy
 * exists at a time, so copies never pile up.
 */
final class Snapshots {
    /**
     * From this size on, CREATE DATABASE ... STRATEGY FILE_COPY (a file copy between two checkpoints) clones faster
     * than WAL_LOG (which writes every block to the WAL); below it they cost about the same, and WAL_LOG, the server's
     * default, does not force checkpoints on a busy server. PostgreSQL 15+ only. Measured on PostgreSQL 18, 2 cores,
     * fsync on: 11 MB 0.15 s (WAL_LOG) / 0.17 s (FILE_COPY); 149 MB 0.74 s / 0.45 s (README, benchmark).
     */
    static final long FILE_COPY_FROM_BYTES = 64L << 20;

    /** How the comment of every database pgreset makes for snapshots begins; only those it drops. */
    static final String MARK = "pgreset:";

    /** In a snapshot's mark, before the time it was taken. */
    private static final String TAKEN_AT = ", taken ";

    private static final String ASIDE_MARK = MARK + " the database before a restore, dropped right after it";

    private final MaintenanceConnection connection;
    private final Target target;
    private final SnapshotNames names;
    private final ProgressListener progress;
    private final long startNanos = System.nanoTime();
    private final List<String> statements = new ArrayList<>();

    Snapshots(MaintenanceConnection connection, Target target, SnapshotNames names, ProgressListener progress) {
        this.connection = connection;
        this.target = target;
        this.names = names;
        this.progress = progress;
    }

    /** Saves the target as the snapshot (sessions on the target are terminated for the copy), then prepares a copy. */
    SnapshotResult snapshot() {
        DatabaseRow row = connection.databaseRow(names.target());
        if (row == null) {
            throw new PgResetException(
                    Problem.DATABASE_MISSING,
                    "There is no " + target.describe() + " to snapshot. Check pgreset.database / pgreset.url (names "
                            + "are case-sensitive), and run the migrations before pgreset:snapshot.");
        }
        dropOwnIfExists(names.prepared());
        DatabaseRow earlier = connection.databaseRow(names.snapshot());
        dropOwnIfExists(names.snapshot(), earlier);
        Instant takenAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<Integer, Session> terminated = new LinkedHashMap<>();
        new SessionTerminator(connection)
                .requireTerminable(
                        connection.sessions(names.target()), "Cannot snapshot " + describe(names.target()) + ":");
        // CREATE DATABASE ... TEMPLATE needs the source to itself: block new sessions, end the others, copy, reopen
        execute(
                DatabaseStatements.allowConnections(names.target(), false),
                "Blocking new connections to " + describe(names.target()));
        try {
            Strategy strategy = strategyFor(names.target());
            Duration copy = copyAlone(
                    DatabaseStatements.createFrom(names.snapshot(), names.target(), row.owner(), strategy), terminated);
            execute(DatabaseStatements.allowConnections(names.snapshot(), false), "Closing the snapshot");
            execute(DatabaseStatements.isTemplate(names.snapshot(), true), "Marking the snapshot a template");
            execute(
                    DatabaseStatements.comment(
                            names.snapshot(),
                            MARK + " snapshot of " + names.target().value() + TAKEN_AT + takenAt),
                    "Marking the snapshot");
            Duration elapsed = since(startNanos);
            return new SnapshotResult(
                    names,
                    connection.version(),
                    List.copyOf(terminated.values()),
                    strategy,
                    copy,
                    elapsed,
                    List.copyOf(statements),
                    earlier == null ? null : new SnapshotResult.Replaced(takenAt(earlier.comment())));
        } finally {
            execute(
                    DatabaseStatements.allowConnections(names.target(), true),
                    "Allowing connections to " + describe(names.target()) + " again");
        }
    }

    /**
     * Copies the target, closed to new connections, once nobody else is connected to it: terminates its sessions
     * (newcomers included), copies, and when the server still finds the database in use (a backend that was starting
     * up is not yet in pg_stat_activity) terminates and copies again until pgreset.timeout. Returns how long the copy
     * that succeeded took.
     */
    private Duration copyAlone(String copy, Map<Integer, Session> terminated) {
        SessionTerminator terminator = new SessionTerminator(connection);
        String refusal = "Cannot snapshot " + describe(names.target()) + ":";
        // CREATE DATABASE waits 5 s for prepared transactions on the source before it fails: look first
        requireNothingTerminationCannotClear(refusal, null);
        Duration pause = Backoff.RETRY.first();
        while (true) {
            SessionTerminator.Cleared cleared = terminator.clear(names.target(), refusal);
            cleared.ended().forEach(s -> terminated.put(s.pid(), s));
            if (!cleared.clear()) {
                throw copyTimeout(
                        cleared.stillRunning().isEmpty()
                                ? "clients kept connecting while connections were blocked"
                                : "backends " + cleared.stillRunning() + " were terminated but had not exited");
            }
            long start = System.nanoTime();
            try {
                connection.executeDdl(copy);
                statements.add(copy);
                return since(start);
            } catch (SQLException e) {
                if (!SqlState.OBJECT_IN_USE.is(e)) {
                    throw connection.failure(e, "Copying " + describe(names.target()));
                }
                requireNothingTerminationCannotClear(refusal, e);
                if (!connection.deadline().pause(pause)) {
                    throw copyTimeout("the database stayed in use (" + MaintenanceConnection.serverText(e) + ")");
                }
                pause = Backoff.RETRY.next(pause);
            }
        }
    }

    private void requireNothingTerminationCannotClear(String refusal, SQLException cause) {
        List<String> blockers = connection.forceBlockers(names.target());
        if (!blockers.isEmpty()) {
            throw DatabaseDropper.notClearable(refusal, blockers, cause);
        }
    }

    private PgResetException copyTimeout(String what) {
        return new PgResetException(
                Problem.TIMEOUT,
                "Could not snapshot " + describe(names.target()) + " within pgreset.timeout ("
                        + connection.deadline().total().toSeconds() + " s): " + what
                        + ". Stop the clients of that database, or raise pgreset.timeout.");
    }

    /**
     * Makes the target a fresh copy of the snapshot. Without a prepared copy, the snapshot is first cloned into one
     * while the target is still served. Then, once the target's sessions are blocked and ended, one transaction
     * renames the target aside and the copy into its name and opens it: a client finds either the old database or the
     * fresh one, never the name missing.
     */
    RestoreResult restore(DropOptions dropOptions, boolean dryRun) {
        DatabaseRow snapshot = connection.databaseRow(names.snapshot());
        if (snapshot == null) {
            throw new PgResetException(
                    Problem.DATABASE_MISSING,
                    "There is no snapshot " + describe(names.snapshot()) + " to restore "
                            + names.target().value()
                            + " from. Run pgreset:snapshot first (right after the migrations), "
                            + "or set pgreset.snapshotName to the snapshot's name.");
        }
        DatabaseRow prepared = connection.databaseRow(names.prepared());
        // a copy of an earlier snapshot (taken again since) or one left half-made is never swapped in
        boolean swap =
                prepared != null && !prepared.invalid() && copyMark(snapshot).equals(prepared.comment());
        if (!dryRun) {
            // left by a restore whose background drop never ran
            dropOwnIfExists(names.aside());
        }
        Strategy strategy = null;
        if (!swap) {
            strategy = strategyFor(names.snapshot());
            String clone =
                    DatabaseStatements.createClosedCopy(names.prepared(), names.snapshot(), snapshot.owner(), strategy);
            if (dryRun) {
                if (prepared != null) {
                    statements.add(DatabaseStatements.drop(names.prepared(), true, connection.version()));
                }
                statements.add(clone);
            } else {
                dropOwnIfExists(names.prepared(), prepared);
                execute(clone, "Copying the snapshot");
            }
        }
        NameSwap swapIn =
                new NameSwap(names.target(), names.prepared(), names.aside(), ASIDE_MARK, connection.superuser());
        DropOptions options = new DropOptions(dropOptions.force(), true, dropOptions.rollbackPrepared());
        DropResult moved = new DatabaseDropper(connection, target, progress).moveAside(options, dryRun, swapIn);
        statements.addAll(moved.statements());
        if (moved.outcome() == DropResult.Outcome.MISSING || moved.method() == DropMethod.INVALID) {
            // no database to move aside (or only an invalid one, now dropped): the copy takes the free name
            NameSwap intoFreeName = swapIn.withoutAside();
            if (dryRun) {
                statements.addAll(intoFreeName.statements());
            } else {
                try {
                    intoFreeName.execute(connection);
                    statements.addAll(intoFreeName.statements());
                } catch (SQLException e) {
                    throw connection.failure(e, "Swapping the copy in");
                }
            }
        }
        return new RestoreResult(
                names,
                connection.version(),
                swap,
                moved.terminated(),
                strategy,
                since(startNanos),
                List.copyOf(statements),
                dryRun);
    }

    /**
     * Drops the database the last restore replaced, then clones the snapshot into the prepared copy, closed to
     * connections, replacing a leftover one. Off the restore's path.
     */
    Duration prepareCopy() {
        long start = System.nanoTime();
        dropOwnIfExists(names.aside());
        DatabaseRow snapshot = connection.databaseRow(names.snapshot());
        if (snapshot == null) {
            return Duration.ZERO;
        }
        dropOwnIfExists(names.prepared());
        execute(
                DatabaseStatements.createClosedCopy(
                        names.prepared(), names.snapshot(), snapshot.owner(), strategyFor(names.snapshot())),
                "Preparing the next copy");
        execute(DatabaseStatements.comment(names.prepared(), copyMark(snapshot)), "Marking the prepared copy");
        return since(start);
    }

    /** When a snapshot was taken, from its mark; {@code null} for one marked before the mark said so. */
    static Instant takenAt(String comment) {
        int at = comment == null ? -1 : comment.lastIndexOf(TAKEN_AT);
        if (at < 0) {
            return null;
        }
        try {
            return Instant.parse(comment.substring(at + TAKEN_AT.length()).strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** What the prepared copy of this very snapshot says of itself: the snapshot's oid. */
    private static String copyMark(DatabaseRow snapshot) {
        return MARK + " copy of snapshot oid " + snapshot.oid() + ", swapped in by the next restore";
    }

    /** WAL_LOG below {@link #FILE_COPY_FROM_BYTES}, FILE_COPY from there; null (the server's default) before 15. */
    private Strategy strategyFor(DatabaseName source) {
        if (!connection.version().supports(Feature.CREATE_STRATEGY)) {
            return null;
        }
        long bytes = connection.databaseSize(source);
        return bytes >= FILE_COPY_FROM_BYTES ? Strategy.FILE_COPY : Strategy.WAL_LOG;
    }

    /**
     * Drops a snapshot, a prepared copy or a replaced database, all closed to connections, when pgreset made it (its
     * comment says so); a database of that name that pgreset did not make is refused, never dropped.
     */
    private void dropOwnIfExists(DatabaseName database) {
        dropOwnIfExists(database, connection.databaseRow(database));
    }

    /** As above, with the database's row already read ({@code null}: there is no such database). */
    private void dropOwnIfExists(DatabaseName database, DatabaseRow row) {
        if (row == null) {
            return;
        }
        if (row.comment() == null || !row.comment().startsWith(MARK)) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    "Refusing to drop " + describe(database) + ": pgreset needs that name for the snapshot of "
                            + names.target().value() + ", but did not make that database (its comment does not say "
                            + "so). Rename or drop it yourself, or choose another pgreset.snapshotName.");
        }
        if (row.template()) {
            execute(DatabaseStatements.isTemplate(database, false), "Unmarking " + describe(database));
        }
        execute(DatabaseStatements.drop(database, true, connection.version()), "Dropping " + describe(database));
    }

    private void execute(String sql, String action) {
        try {
            connection.executeDdl(sql);
            statements.add(sql);
        } catch (SQLException e) {
            throw connection.failure(e, action);
        }
    }

    private String describe(DatabaseName database) {
        return new Target(target.connection(), database).describe();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
