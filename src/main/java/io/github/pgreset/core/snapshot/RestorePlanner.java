package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.catalog.DatabaseRow;
import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.drop.DropPlan;
import io.github.pgreset.core.drop.DropPlanner;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.plan.PlanContext;
import io.github.pgreset.core.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides what {@code restore} does, from the rows one read returned: no server is needed to decide. With a prepared
 * copy of the snapshot, the target's sessions are blocked and ended and one transaction renames the target aside and
 * the copy into its name ({@link NameSwap}); without one, the snapshot is first cloned under a working name while the
 * target is still served. A stale snapshot (pgreset.snapshotSources) is not restored: the plan then only repairs
 * leftovers, and says why.
 */
public final class RestorePlanner {
    /**
     * What a restore is to do.
     *
     * @param plan the steps, the repairs of {@code leftovers} first
     * @param stale why the snapshot is stale, {@code null} when it is restored
     * @param owner whom a database recreated in place of a stale snapshot belongs to ({@link #ownerToKeep})
     * @param prepared whether the prepared copy is swapped in (else the snapshot is cloned first)
     * @param method how the snapshot is cloned; {@code null} when the prepared copy is swapped in
     * @param swap the sessions' end and the swap, {@code null} when stale
     */
    record RestorePlan(
            Plan plan,
            Leftovers leftovers,
            String stale,
            String owner,
            boolean prepared,
            CopyMethod method,
            DropPlan swap) {}

    private final PlanContext context;
    private final SnapshotNames names;
    private final SnapshotOptions options;
    private final SnapshotPlanner snapshots;
    private final DropPlanner drops;

    RestorePlanner(
            PlanContext context,
            SnapshotNames names,
            SnapshotOptions options,
            SnapshotPlanner snapshots,
            DropOptions dropOptions,
            ProgressListener progress) {
        this.context = context;
        this.names = names;
        this.options = options;
        this.snapshots = snapshots;
        // the database is replaced, not dropped: a missing one is no failure, the copy takes the name
        this.drops = new DropPlanner(
                context, new DropOptions(dropOptions.force(), true, dropOptions.rollbackPrepared()), progress);
    }

    RestorePlan restore(TargetState state, SnapshotPlanner.CopyMethods copyMethods) {
        Map<DatabaseName, DatabaseRow> rows = state.rowsByName();
        DatabaseRow snapshot = rows.get(names.snapshot());
        Leftovers leftovers = Leftovers.of(names, rows, context.version());
        String stale = options.sources() == null ? null : SnapshotPlanner.whyStale(names, snapshot, options.sources());
        if (stale != null) {
            return new RestorePlan(
                    leftovers.plan(),
                    leftovers,
                    stale,
                    ownerToKeep(rows.get(names.target()), snapshot),
                    false,
                    null,
                    null);
        }
        if (snapshot == null) {
            throw new PgResetException(
                    Problem.DATABASE_MISSING,
                    "There is no snapshot " + context.describe(names.snapshot()) + " to restore "
                            + names.target().value() + " from. Run pgreset:snapshot first (right after the "
                            + "migrations), or set pgreset.snapshotName to the snapshot's name.");
        }
        if (!Marks.isSnapshot(snapshot.comment())) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    "Refusing to restore " + names.target().value() + " from " + context.describe(names.snapshot())
                            + ": it is not a snapshot that pgreset finished (its comment does not say so; a snapshot "
                            + "interrupted by an older pgreset can look like this). Run pgreset:snapshot again "
                            + "(after dropping that database if pgreset refuses it), or set pgreset.snapshotName.");
        }
        DatabaseRow prepared = rows.get(names.prepared());
        // a copy of an earlier snapshot (taken again since) or one left half-made is never swapped in
        boolean swapPrepared = prepared != null
                && !prepared.invalid()
                && Marks.copy(snapshot.oid()).equals(prepared.comment());
        List<Step> steps = new ArrayList<>(leftovers.plan().steps());
        CopyMethod method = null;
        DatabaseName copy = names.prepared();
        Step.Undo copyLeft = null;
        if (!swapPrepared) {
            method = copyMethods.of(names.snapshot());
            copy = names.partialCopy();
            Step copying = snapshots.copyOfSnapshot(
                    "copy", "Copying the snapshot " + context.describe(names.snapshot()), snapshot, method);
            copyLeft = copying.leaves();
            steps.add(copying);
        }
        NameSwap swapIn = new NameSwap(names.target(), copy, names.aside(), Marks.ASIDE, context.superuser());
        // the leftovers' repair reopens a target a stopped goal left closed: the swap plans from the row it leaves
        DatabaseRow target = state.repaired(names.target()).catalog().database();
        DropPlan swap = drops.swap(
                state, target, new DropPlanner.Swap(swapIn, swapIn.withoutAside(), swapIn.whenNobodyOn()), copyLeft);
        return new RestorePlan(new Plan(steps).then(swap.plan()), leftovers, null, null, swapPrepared, method, swap);
    }

    /**
     * Whom a database recreated in place of a stale snapshot belongs to: the owner of the database it replaces, else of
     * the stale snapshot, as a restored copy would. On PostgreSQL 15+ the owner of a database owns its public schema, so
     * the application's role, which runs the migrations next, keeps the right to create tables there.
     */
    static String ownerToKeep(DatabaseRow target, DatabaseRow snapshot) {
        if (target != null) {
            return target.owner();
        }
        return snapshot == null ? null : snapshot.owner();
    }
}
