package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.catalog.Blocker;
import io.github.pgreset.core.catalog.DatabaseRow;
import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.catalog.SourceFingerprint;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.drop.DatabaseStatements;
import io.github.pgreset.core.drop.DropSteps;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.plan.PlanContext;
import io.github.pgreset.core.plan.Step;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.SessionTerminator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides what {@code snapshot} and the next prepared copy do, from the rows one read returned: no server is needed to
 * decide. Copies are made under a working name and get their real name and mark in the transaction that finishes them,
 * so a snapshot or prepared copy under its real name is always one pgreset finished, and what a stopped goal leaves is
 * found and repaired by the next ({@link Leftovers}).
 */
public final class SnapshotPlanner {
    /** How a copy of a database is made ({@link CopyMethod#choose}); asked only when a plan copies. */
    @FunctionalInterface
    interface CopyMethods {
        CopyMethod of(DatabaseName source);
    }

    /**
     * What a snapshot is to do.
     *
     * @param plan the steps, the repairs of {@code leftovers} first
     * @param upToDate the snapshot is already of the same sources: nothing but the repairs to do
     * @param method how the copy is made; {@code null} when up to date
     * @param sessions the sessions the read found on the database, which the copy ends
     * @param replaced the snapshot this one replaces, {@code null} for none
     * @param run what carries out the copy and counts what it did
     */
    record SnapshotPlan(
            Plan plan,
            Leftovers leftovers,
            boolean upToDate,
            CopyMethod method,
            List<Session> sessions,
            SnapshotResult.Replaced replaced,
            SnapshotCopy run) {}

    private final PlanContext context;
    private final SnapshotNames names;
    private final SnapshotOptions options;
    private final CopyMethods copyMethods;

    SnapshotPlanner(PlanContext context, SnapshotNames names, SnapshotOptions options, CopyMethods copyMethods) {
        this.context = context;
        this.names = names;
        this.options = options;
        this.copyMethods = copyMethods;
    }

    /**
     * Saves the target as the snapshot: closes it to new connections, ends its sessions and copies it under a working
     * name, reopens it, then in one transaction renames the copy to the snapshot's name, makes it a template and marks
     * it. The snapshot it replaces is renamed aside there; {@link #nextCopy} drops it and its stale prepared copy, off
     * the snapshot's path (each DROP DATABASE waits for a checkpoint).
     */
    SnapshotPlan snapshot(TargetState state) {
        Map<DatabaseName, DatabaseRow> rows = state.rowsByName();
        DatabaseRow row = rows.get(names.target());
        if (row == null) {
            throw PgResetException.databaseMissing(
                    "There is no " + context.describe(names.target()) + " to snapshot.",
                    ", and run the migrations before pgreset:snapshot");
        }
        DatabaseRow earlier = rows.get(names.snapshot());
        requireOwn(names.snapshot(), earlier);
        requireOwn(names.prepared(), rows.get(names.prepared()));
        Leftovers leftovers = Leftovers.of(names, rows, context.version());
        SnapshotCopy run = new SnapshotCopy(context, names.target());
        if (options.sources() != null && whyStale(names, earlier, options.sources()) == null) {
            // made from the same sources: the snapshot stays the very same database
            return new SnapshotPlan(leftovers.plan(), leftovers, true, null, List.of(), null, run);
        }
        SessionTerminator.requireTerminable(state.sessions(), run.refusal(), context.role());
        if (!state.blockers().isEmpty()) {
            // CREATE DATABASE ... TEMPLATE would wait 5 s for them and fail: named before anything is closed
            throw DropSteps.notClearable(
                    run.refusal(),
                    state.blockers().stream().map(Blocker::description).toList(),
                    null);
        }
        CopyMethod method = copyMethods.of(names.target());
        String comment = Marks.before(row.comment());

        List<Step> steps = new ArrayList<>(leftovers.plan().steps());
        Step.Undo reopen = new Step.Undo(
                "reopened database \"" + names.target() + "\"", DatabaseStatements.reopen(names.target(), comment));
        String close = DatabaseStatements.close(names.target(), Marks.closed("snapshot", context.now(), comment));
        steps.add(Step.acting(
                        "close",
                        "Closing " + context.describe(names.target()) + " to new connections (CREATE DATABASE ... "
                                + "TEMPLATE copies only a database nobody is connected to), and signalling its "
                                + "sessions to end (in the same round trip)",
                        List.of(close),
                        c -> run.close(c, close))
                .leaving(reopen));
        String copy = DatabaseStatements.createClosedCopy(
                names.partialSnapshot(), names.target(), row.owner(), method.strategy());
        Step.Undo dropPartial = dropUnfinished(names.partialSnapshot(), "the unfinished snapshot");
        steps.add(Step.acting(
                        "copy",
                        "Ending the sessions on " + context.describe(names.target()) + " and copying it",
                        withSettings(method, copy),
                        c -> run.copyAlone(c, method, copy))
                .leaving(dropPartial));
        steps.add(finish(earlier, DatabaseStatements.reopen(names.target(), comment))
                .settling(reopen)
                .settling(dropPartial));
        // the older snapshot's prepared copy is kept (a goal stopped before the finish leaves the older snapshot with
        // its
        // copy, for the next restore to swap in) and never swapped in after it: its mark names the older snapshot.
        // nextCopy drops it, with the replaced snapshot
        SnapshotResult.Replaced replaced = earlier == null
                ? null
                : new SnapshotResult.Replaced(Marks.takenAt(earlier.comment()), Marks.snapshotOf(earlier.comment()));
        return new SnapshotPlan(new Plan(steps), leftovers, false, method, state.sessions(), replaced, run);
    }

    /**
     * The transaction that reopens the target ({@code reopen}) and makes the copy the snapshot, the one it replaces
     * renamed aside: one commit.
     */
    private Step finish(DatabaseRow earlier, String reopen) {
        List<String> finish = new ArrayList<>();
        finish.add(reopen);
        if (earlier != null) {
            if (earlier.template()) {
                finish.add(DatabaseStatements.isTemplate(names.snapshot(), false));
            }
            finish.add(DatabaseStatements.rename(names.snapshot(), names.replacedSnapshot()));
        }
        finish.add(DatabaseStatements.rename(names.partialSnapshot(), names.snapshot()));
        finish.add(DatabaseStatements.isTemplate(names.snapshot(), true));
        finish.add(DatabaseStatements.comment(
                names.snapshot(), Marks.snapshot(names.target(), context.now(), options.sources())));
        Step finishing = Step.of(
                "finish",
                "Reopening " + context.describe(names.target()) + " and finishing the snapshot "
                        + context.describe(names.snapshot()),
                finish);
        if (earlier == null) {
            return finishing;
        }
        // the goal stopped right after it drops the replaced snapshot at once; otherwise nextCopy does
        String dropReplaced = DatabaseStatements.drop(names.replacedSnapshot(), true, context.version());
        return finishing.leaving(
                new Step.Undo("dropped the snapshot it replaced, \"" + names.replacedSnapshot() + "\"", dropReplaced));
    }

    /**
     * Drops the database the last restore replaced and the snapshot the last snapshot replaced, then clones the
     * snapshot into the prepared copy, closed to connections, replacing a stale one: under a working name, renamed and
     * marked in one transaction. Nothing to copy without a finished snapshot, or when the prepared copy is already of
     * it.
     */
    Leftovers nextCopy(TargetState state) {
        Map<DatabaseName, DatabaseRow> rows = state.rowsByName();
        List<Step> steps = new ArrayList<>();
        DatabaseRow aside = rows.remove(names.aside());
        if (aside != null && Marks.isOwn(aside.comment())) {
            steps.add(dropOwn("drop-aside", names.aside(), aside, "the database the restore replaced"));
        }
        DatabaseRow replaced = rows.remove(names.replacedSnapshot());
        if (replaced != null && Marks.isOwn(replaced.comment())) {
            steps.add(dropOwn("drop-replaced", names.replacedSnapshot(), replaced, "the snapshot a new one replaced"));
        }
        Leftovers leftovers = Leftovers.of(names, rows, context.version());
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
                    "Preparing the next copy of " + context.describe(names.snapshot()),
                    snapshot,
                    copyMethods.of(names.snapshot()));
            steps.add(preparing);
            steps.add(Step.of(
                            "finish-copy",
                            "Finishing the prepared copy " + context.describe(names.prepared()),
                            List.of(
                                    DatabaseStatements.rename(names.partialCopy(), names.prepared()),
                                    DatabaseStatements.comment(names.prepared(), Marks.copy(snapshot.oid()))))
                    .settling(preparing.leaves()));
        }
        return new Leftovers(new Plan(steps), leftovers.found());
    }

    /**
     * The step that clones the snapshot under the copy's working name (the session's settings, then CREATE DATABASE);
     * stopped after it, the unfinished copy is dropped.
     */
    Step copyOfSnapshot(String name, String purpose, DatabaseRow snapshot, CopyMethod method) {
        String create = DatabaseStatements.createClosedCopy(
                names.partialCopy(), names.snapshot(), snapshot.owner(), method.strategy());
        return Step.each(name, purpose, withSettings(method, create))
                .leaving(dropUnfinished(names.partialCopy(), "the unfinished copy"));
    }

    private Step.Undo dropUnfinished(DatabaseName copy, String what) {
        return new Step.Undo(
                "dropped " + what + " \"" + copy + "\"", DatabaseStatements.drop(copy, true, context.version()));
    }

    /** The session's copy settings, then the copy itself (CREATE DATABASE runs alone, not in a multi-statement). */
    static List<String> withSettings(CopyMethod method, String copy) {
        List<String> statements = new ArrayList<>(method.settings());
        statements.add(copy);
        return statements;
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

    /**
     * A snapshot or prepared copy pgreset is to replace must be its own (its comment says so); a database of that name
     * that pgreset did not make is refused, never dropped.
     */
    void requireOwn(DatabaseName database, DatabaseRow row) {
        if (row != null && !Marks.isOwn(row.comment())) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    "Refusing to drop " + context.describe(database) + ": pgreset needs that name for the snapshot of "
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
        sql.add(DatabaseStatements.drop(database, true, context.version()));
        return Step.each(name, "Dropping " + what + " " + context.describe(database), sql);
    }
}
