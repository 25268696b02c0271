package io.github.pgreset.core;

import io.github.pgreset.core.MaintenanceConnection.DatabaseRow;
import io.github.pgreset.core.ServerVersion.Feature;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>Each operation reads the rows it needs in one query, plans its steps from them ({@link Plan}) and, unless it is a
 * dry run, executes exactly that plan. Copies are made under a working name and get their real name and mark in the
 * transaction that finishes them, so a snapshot or prepared copy under its real name is always one pgreset finished,
 * and what a killed goal leaves is found and repaired by the next ({@link Leftovers}).
 */
final class Snapshots {
    private final MaintenanceConnection connection;
    private final Target target;
    private final SnapshotNames names;
    private final ProgressListener progress;
    private final SnapshotOptions snapshotOptions;
    private final StorageProbe storage;
    private final long startNanos = System.nanoTime();

    Snapshots(
            MaintenanceConnection connection,
            Target target,
            SnapshotNames names,
            SnapshotOptions snapshotOptions,
            ProgressListener progress) {
        this.connection = connection;
        this.target = target;
        this.names = names;
        this.snapshotOptions = snapshotOptions;
        this.storage = new StorageProbe(connection);
        this.progress = progress;
    }

    /**
     * Saves the target as the snapshot: closes it to new connections, ends its sessions and copies it under a working
     * name, reopens it, then in one transaction renames the copy to the snapshot's name, makes it a template and marks
     * it (the snapshot it replaces is renamed aside there and dropped after).
     */
    SnapshotResult snapshot(boolean dryRun) {
        MaintenanceConnection.TargetState state = read();
        Map<DatabaseName, DatabaseRow> rows = state.rowsByName();
        DatabaseRow row = rows.get(names.target());
        if (row == null) {
            throw new PgResetException(
                    Problem.DATABASE_MISSING,
                    "There is no " + target.describe() + " to snapshot. Check pgreset.database / pgreset.url (names "
                            + "are case-sensitive), and run the migrations before pgreset:snapshot.");
        }
        DatabaseRow earlier = rows.get(names.snapshot());
        requireOwn(names.snapshot(), earlier);
        requireOwn(names.prepared(), rows.get(names.prepared()));
        Leftovers leftovers = Leftovers.of(names, rows, connection.version());
        if (snapshotOptions.sources() != null && whyStale(names, earlier, snapshotOptions.sources()) == null) {
            // made from the same sources: the snapshot stays the very same database
            if (!dryRun) {
                execute(leftovers.plan(), leftovers);
            }
            return SnapshotResult.upToDate(names, connection.version(), since(startNanos), dryRun);
        }
        List<Session> sessions = state.sessions();
        new SessionTerminator(connection)
                .requireTerminable(sessions, "Cannot snapshot " + describe(names.target()) + ":");
        CopyMethod method = copyMethodFor(names.target());
        Instant takenAt = Instant.now();
        String comment = Marks.before(row.comment());

        List<Step> steps = new ArrayList<>(leftovers.plan().steps());
        Step.Undo reopen = new Step.Undo(
                "reopened database \"" + names.target() + "\"", DatabaseStatements.reopen(names.target(), comment));
        Step.Undo dropPartial = new Step.Undo(
                "dropped the unfinished snapshot \"" + names.partialSnapshot() + "\"",
                DatabaseStatements.drop(names.partialSnapshot(), true, connection.version()));
        steps.add(Step.of(
                        "close",
                        "Closing " + describe(names.target()) + " to new connections (CREATE DATABASE ... TEMPLATE "
                                + "copies only a database nobody is connected to)",
                        List.of(DatabaseStatements.close(names.target(), Marks.closed("snapshot", takenAt, comment))))
                .leaving(reopen));
        Map<Integer, Session> terminated = new LinkedHashMap<>();
        Duration[] copyTook = {Duration.ZERO};
        String copy = DatabaseStatements.createClosedCopy(
                names.partialSnapshot(), names.target(), row.owner(), method.strategy());
        steps.add(new Step(
                "copy",
                "Ending the sessions on " + describe(names.target()) + " and copying it",
                withSettings(method, copy),
                c -> {
                    for (String setting : method.settings()) {
                        c.executeDdl(setting);
                    }
                    copyTook[0] = copyAlone(copy, terminated);
                },
                dropPartial,
                null));
        steps.add(Step.of(
                        "reopen",
                        "Reopening " + describe(names.target()),
                        List.of(DatabaseStatements.reopen(names.target(), comment)))
                .settling(reopen));
        List<String> finish = new ArrayList<>();
        if (earlier != null) {
            if (earlier.template()) {
                finish.add(DatabaseStatements.isTemplate(names.snapshot(), false));
            }
            finish.add(DatabaseStatements.rename(names.snapshot(), names.replacedSnapshot()));
        }
        finish.add(DatabaseStatements.rename(names.partialSnapshot(), names.snapshot()));
        finish.add(DatabaseStatements.isTemplate(names.snapshot(), true));
        finish.add(DatabaseStatements.comment(
                names.snapshot(), Marks.snapshot(names.target(), takenAt, snapshotOptions.sources())));
        Step finishing = Step.of("finish", "Finishing the snapshot " + describe(names.snapshot()), finish)
                .settling(dropPartial);
        if (earlier != null) {
            String dropReplaced = DatabaseStatements.drop(names.replacedSnapshot(), true, connection.version());
            Step.Undo replacedLeft = new Step.Undo(
                    "dropped the snapshot it replaced, \"" + names.replacedSnapshot() + "\"", dropReplaced);
            steps.add(finishing.leaving(replacedLeft));
            steps.add(Step.each("drop-replaced", "Dropping the snapshot it replaced", List.of(dropReplaced))
                    .settling(replacedLeft));
        } else {
            steps.add(finishing);
        }
        if (rows.get(names.prepared()) != null) {
            // the older snapshot's prepared copy: kept until this snapshot is finished (a goal stopped before that
            // leaves the older snapshot with its copy, for the next restore to swap in), never swapped in after
            steps.add(dropOwn("drop-copy", names.prepared(), rows.get(names.prepared()), "the stale prepared copy"));
        }
        Plan plan = new Plan(steps);
        SnapshotResult.Replaced replaced = earlier == null
                ? null
                : new SnapshotResult.Replaced(Marks.takenAt(earlier.comment()), Marks.snapshotOf(earlier.comment()));
        if (dryRun) {
            return new SnapshotResult(
                    names,
                    connection.version(),
                    sessions,
                    method,
                    Duration.ZERO,
                    since(startNanos),
                    plan.statements(),
                    replaced,
                    true,
                    false);
        }
        execute(plan, leftovers);
        return new SnapshotResult(
                names,
                connection.version(),
                List.copyOf(terminated.values()),
                method,
                copyTook[0],
                since(startNanos),
                plan.statements(),
                replaced,
                false,
                false);
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
                return since(start);
            } catch (SQLException e) {
                if (!SqlState.OBJECT_IN_USE.is(e)) {
                    throw connection.failure(e, "Copying " + describe(names.target()));
                }
                requireNothingTerminationCannotClear(refusal, e);
                if (!connection.deadline().pause(pause)) {
                    throw copyTimeout("the database stayed in use (" + ServerFailures.serverText(e) + ")");
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
     * Makes the target a fresh copy of the snapshot. Without a prepared copy, the snapshot is first cloned under a
     * working name while the target is still served. Then, once the target's sessions are blocked and ended, one
     * transaction renames the target aside and the copy into its name and opens it: a client finds either the old
     * database or the fresh one, never the name missing.
     */
    RestoreResult restore(DropOptions dropOptions, boolean dryRun, WhenStale whenStale) {
        MaintenanceConnection.TargetState state = read();
        Map<DatabaseName, DatabaseRow> rows = state.rowsByName();
        DatabaseRow snapshot = rows.get(names.snapshot());
        String stale = snapshotOptions.sources() == null ? null : whyStale(names, snapshot, snapshotOptions.sources());
        if (stale != null) {
            Leftovers leftovers = Leftovers.of(names, rows, connection.version());
            if (!dryRun) {
                execute(leftovers.plan(), leftovers);
            }
            return whenStale.restore(stale, ownerToKeep(rows.get(names.target()), snapshot));
        }
        if (snapshot == null) {
            throw new PgResetException(
                    Problem.DATABASE_MISSING,
                    "There is no snapshot " + describe(names.snapshot()) + " to restore "
                            + names.target().value()
                            + " from. Run pgreset:snapshot first (right after the migrations), "
                            + "or set pgreset.snapshotName to the snapshot's name.");
        }
        if (!Marks.isSnapshot(snapshot.comment())) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    "Refusing to restore " + names.target().value() + " from " + describe(names.snapshot())
                            + ": it is not a snapshot that pgreset finished (its comment does not say so; a snapshot "
                            + "interrupted by an older pgreset can look like this). Run pgreset:snapshot again "
                            + "(after dropping that database if pgreset refuses it), or set pgreset.snapshotName.");
        }
        Leftovers leftovers = Leftovers.of(names, rows, connection.version());
        DatabaseRow prepared = rows.get(names.prepared());
        // a copy of an earlier snapshot (taken again since) or one left half-made is never swapped in
        boolean swap = prepared != null
                && !prepared.invalid()
                && Marks.copy(snapshot.oid()).equals(prepared.comment());
        List<Step> steps = new ArrayList<>(leftovers.plan().steps());
        CopyMethod method = null;
        DatabaseName copy = names.prepared();
        Step.Undo dropPartial = null;
        if (!swap) {
            method = copyMethodFor(names.snapshot());
            copy = names.partialCopy();
            Step copying =
                    copyOfSnapshot("copy", "Copying the snapshot " + describe(names.snapshot()), snapshot, method);
            dropPartial = copying.leaves();
            steps.add(copying);
        }
        NameSwap swapIn = new NameSwap(names.target(), copy, names.aside(), Marks.ASIDE, connection.superuser());
        DropOptions options = new DropOptions(dropOptions.force(), true, dropOptions.rollbackPrepared());
        DatabaseDropper dropper = new DatabaseDropper(connection, target, progress);
        if (dryRun) {
            DropResult planned = dropper.moveAside(options, true, state, swapIn);
            List<String> statements = new ArrayList<>(new Plan(steps).statements());
            statements.addAll(planned.statements());
            if (planned.outcome() == DropResult.Outcome.MISSING || planned.method() == DropMethod.INVALID) {
                statements.addAll(swapIn.withoutAside().statements());
            }
            return new RestoreResult(
                    names,
                    connection.version(),
                    swap,
                    planned.terminated(),
                    method,
                    since(startNanos),
                    statements,
                    true,
                    null);
        }
        DropResult[] moved = {null};
        steps.add(new Step(
                "swap",
                "Ending the sessions on " + describe(names.target()) + ", then swapping the copy in",
                swapIn.statements(),
                // after a copy (seconds for a large snapshot) the target's sessions are read again
                c -> moved[0] = moveAside(dropper, options, swap ? state : c.targetState(names.target()), swapIn),
                null,
                dropPartial));
        Plan plan = new Plan(steps);
        execute(plan, leftovers);
        List<String> statements = new ArrayList<>(new Plan(steps.subList(0, steps.size() - 1)).statements());
        statements.addAll(moved[0].statements());
        return new RestoreResult(
                names,
                connection.version(),
                swap,
                moved[0].terminated(),
                method,
                since(startNanos),
                statements,
                false,
                null);
    }

    /** What restore does instead of restoring a snapshot that is stale for pgreset.snapshotSources. */
    @FunctionalInterface
    interface WhenStale {
        /**
         * @param why why the snapshot is stale, for a sentence ({@link #whyStale})
         * @param owner the owner the recreated database keeps ({@link #ownerToKeep}), {@code null} for the connecting
         *     role
         */
        RestoreResult restore(String why, String owner);
    }

    /**
     * Whom a database recreated in place of a stale snapshot belongs to: the owner of the database it replaces, else
     * of the stale snapshot, as a restored copy would. On PostgreSQL 15+ the owner of a database owns its public
     * schema, so the application's role, which runs the migrations next, keeps the right to create tables there.
     */
    static String ownerToKeep(DatabaseRow target, DatabaseRow snapshot) {
        if (target != null) {
            return target.owner();
        }
        return snapshot == null ? null : snapshot.owner();
    }

    /** Moves the target aside and the copy in; when there is no target (or only an invalid one), the copy takes the name. */
    private DropResult moveAside(
            DatabaseDropper dropper, DropOptions options, MaintenanceConnection.TargetState state, NameSwap swapIn)
            throws SQLException {
        DropResult moved = dropper.moveAside(options, false, state, swapIn);
        if (moved.outcome() != DropResult.Outcome.MISSING && moved.method() != DropMethod.INVALID) {
            return moved;
        }
        NameSwap intoFreeName = swapIn.withoutAside();
        intoFreeName.execute(connection);
        List<String> statements = new ArrayList<>(moved.statements());
        statements.addAll(intoFreeName.statements());
        return new DropResult(
                moved.database(),
                moved.serverVersion(),
                moved.outcome(),
                moved.method(),
                moved.terminated(),
                statements,
                moved.attempts(),
                moved.elapsed());
    }

    /**
     * Drops the database the last restore replaced, then clones the snapshot into the prepared copy, closed to
     * connections, replacing a stale one: under a working name, renamed and marked in one transaction. Off the
     * restore's path. Nothing to do without a finished snapshot, or when the prepared copy is already of it.
     */
    Duration prepareCopy() {
        long start = System.nanoTime();
        Map<DatabaseName, DatabaseRow> rows = read().rowsByName();
        List<Step> steps = new ArrayList<>();
        DatabaseRow aside = rows.remove(names.aside());
        if (aside != null && Marks.isOwn(aside.comment())) {
            steps.add(dropOwn("drop-aside", names.aside(), aside, "the database the restore replaced"));
        }
        Leftovers leftovers = Leftovers.of(names, rows, connection.version());
        steps.addAll(leftovers.plan().steps());
        DatabaseRow snapshot = rows.get(names.snapshot());
        DatabaseRow prepared = rows.get(names.prepared());
        if (snapshot != null
                && Marks.isSnapshot(snapshot.comment())
                && (prepared == null || !Marks.copy(snapshot.oid()).equals(prepared.comment()))) {
            requireOwn(names.prepared(), prepared);
            if (prepared != null) {
                steps.add(dropOwn("drop-copy", names.prepared(), prepared, "the stale prepared copy"));
            }
            Step preparing = copyOfSnapshot(
                    "prepare",
                    "Preparing the next copy of " + describe(names.snapshot()),
                    snapshot,
                    copyMethodFor(names.snapshot()));
            steps.add(preparing);
            steps.add(Step.of(
                            "finish-copy",
                            "Finishing the prepared copy " + describe(names.prepared()),
                            List.of(
                                    DatabaseStatements.rename(names.partialCopy(), names.prepared()),
                                    DatabaseStatements.comment(names.prepared(), Marks.copy(snapshot.oid()))))
                    .settling(preparing.leaves()));
        }
        execute(new Plan(steps), leftovers);
        return since(start);
    }

    /**
     * Why the snapshot is not one of {@code sources}, for a sentence, or {@code null} when it is: there is none yet, it
     * is not one pgreset finished, it was taken without sources, or which of them changed.
     */
    static String whyStale(SnapshotNames names, DatabaseRow snapshot, SourceFingerprint sources) {
        String snapshotName = "\"" + names.snapshot() + "\"";
        if (snapshot == null) {
            return "there is no snapshot " + snapshotName + " yet";
        }
        if (!Marks.isSnapshot(snapshot.comment()) || snapshot.invalid()) {
            return snapshotName + " is not a snapshot that pgreset finished";
        }
        SourceFingerprint madeFrom = Marks.sources(snapshot.comment());
        if (madeFrom == null) {
            return snapshotName + " was taken without pgreset.snapshotSources";
        }
        if (madeFrom.digest().equals(sources.digest())) {
            return null;
        }
        List<String> changes = sources.changesSince(madeFrom, 5);
        return "its sources changed since " + snapshotName + " was taken: "
                + (changes.isEmpty() ? "the files are the same, their paths are not" : String.join(", ", changes));
    }

    /** Runs the plan and says, in one line, what it repaired of an interrupted goal. */
    private void execute(Plan plan, Leftovers leftovers) {
        plan.execute(connection, progress);
        if (!leftovers.found().isEmpty()) {
            progress.info(leftovers.line());
        }
    }

    /**
     * The target's catalog row and sessions, with the rows of its snapshot, its prepared copy and its working names, in
     * one round trip.
     */
    private MaintenanceConnection.TargetState read() {
        List<DatabaseName> related = new ArrayList<>(names.working());
        related.add(names.snapshot());
        related.add(names.prepared());
        return connection.targetState(names.target(), related);
    }

    /** How to copy {@code source} ({@link CopyMethod#choose}); before 15 there is nothing to choose or read. */
    private CopyMethod copyMethodFor(DatabaseName source) {
        if (!connection.version().supports(Feature.CREATE_STRATEGY)) {
            return CopyMethod.choose(snapshotOptions.fileCopyMethod(), connection.version(), 0, null);
        }
        StorageProbe.DatabaseStorage stored = storage.databaseStorage(source);
        return CopyMethod.choose(
                snapshotOptions.fileCopyMethod(), connection.version(), stored.bytes(), () -> storage.storage(stored));
    }

    /**
     * The step that clones the snapshot under the copy's working name as {@code method} says (the session's settings,
     * then CREATE DATABASE); stopped after it, the unfinished copy is dropped.
     */
    private Step copyOfSnapshot(String name, String purpose, DatabaseRow snapshot, CopyMethod method) {
        DatabaseName copy = names.partialCopy();
        String create =
                DatabaseStatements.createClosedCopy(copy, names.snapshot(), snapshot.owner(), method.strategy());
        return Step.each(name, purpose, withSettings(method, create))
                .leaving(new Step.Undo(
                        "dropped the unfinished copy \"" + copy + "\"",
                        DatabaseStatements.drop(copy, true, connection.version())));
    }

    /** The session's copy settings, then the copy itself (CREATE DATABASE runs alone, not in a multi-statement). */
    private static List<String> withSettings(CopyMethod method, String copy) {
        List<String> statements = new ArrayList<>(method.settings());
        statements.add(copy);
        return statements;
    }

    /**
     * A snapshot or prepared copy pgreset is to replace must be its own (its comment says so); a database of that name
     * that pgreset did not make is refused, never dropped.
     */
    private void requireOwn(DatabaseName database, DatabaseRow row) {
        if (row != null && !Marks.isOwn(row.comment())) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    "Refusing to drop " + describe(database) + ": pgreset needs that name for the snapshot of "
                            + names.target().value() + ", but did not make that database (its comment does not say "
                            + "so). Rename or drop it yourself, or choose another pgreset.snapshotName.");
        }
    }

    /** The step that drops a database pgreset made (closed to connections; a template is unmarked first). */
    private Step dropOwn(String name, DatabaseName database, DatabaseRow row, String what) {
        requireOwn(database, row);
        List<String> sql = new ArrayList<>();
        if (row.template()) {
            sql.add(DatabaseStatements.isTemplate(database, false));
        }
        sql.add(DatabaseStatements.drop(database, true, connection.version()));
        return Step.each(name, "Dropping " + what + " " + describe(database), sql);
    }

    private String describe(DatabaseName database) {
        return new Target(target.connection(), database).describe();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
