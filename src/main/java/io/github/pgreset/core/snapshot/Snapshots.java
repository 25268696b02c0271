package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.catalog.CatalogQueries;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.ServerVersion.Feature;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.plan.GoalLock;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.plan.PlanContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots: a template copy of a database, closed to connections, and a prepared copy of that template waiting to be
 * swapped in. {@code restore} then makes the target fresh by renaming it out of the way and the prepared copy into its
 * place, which takes milliseconds whatever the size; the old database is dropped and the next copy prepared afterwards,
 * off the restore's path. Without a prepared copy, restore clones the snapshot directly. Only one prepared copy
 * exists at a time, so copies never pile up.
 *
 * <p>Each operation reads the rows it needs in one round trip, has its planner ({@link SnapshotPlanner}, {@link
 * RestorePlanner}) decide the steps and, unless it is a dry run, executes exactly that plan.
 */
public final class Snapshots {
    private final MaintenanceConnection connection;
    private final SnapshotNames names;
    private final ProgressListener progress;
    private final SnapshotOptions options;
    private final StorageProbe storage;
    private final PlanContext context;
    private final SnapshotPlanner planner;
    private final long startNanos = System.nanoTime();
    private final Target target;
    /** Whether the first read takes the goal lock too (not in a dry run, which changes nothing). */
    private boolean lock;

    public Snapshots(
            MaintenanceConnection connection,
            Target target,
            SnapshotNames names,
            SnapshotOptions options,
            ProgressListener progress,
            boolean lock) {
        this.connection = connection;
        this.target = target;
        this.lock = lock;
        this.names = names;
        this.options = options;
        this.storage = new StorageProbe(connection);
        this.progress = progress;
        this.context = PlanContext.of(connection, target);
        this.planner = new SnapshotPlanner(context, names, options, this::copyMethodFor);
    }

    /** Saves the target as the snapshot ({@link SnapshotPlanner#snapshot}); a dry run only plans. */
    public SnapshotResult snapshot(boolean dryRun) {
        SnapshotPlanner.SnapshotPlan plan = planner.snapshot(read());
        if (!dryRun) {
            execute(plan.plan(), plan.leftovers());
        }
        if (plan.upToDate()) {
            return SnapshotResult.upToDate(names, connection.version(), since(startNanos), dryRun);
        }
        return new SnapshotResult(
                names,
                connection.version(),
                dryRun ? plan.sessions() : plan.run().terminated(),
                plan.method(),
                plan.run().took(),
                since(startNanos),
                plan.plan().statements(),
                plan.replaced(),
                dryRun,
                false);
    }

    /** Makes the target a fresh copy of the snapshot ({@link RestorePlanner}); a dry run only plans. */
    public RestoreResult restore(DropOptions dropOptions, boolean dryRun, WhenStale whenStale) {
        TargetState state = read();
        RestorePlanner.RestorePlan plan = new RestorePlanner(context, names, options, planner, dropOptions, progress)
                .restore(state, this::copyMethodFor);
        if (!dryRun) {
            execute(plan.plan(), plan.leftovers());
        }
        if (plan.stale() != null) {
            return whenStale.restore(state.repaired(names.target()), plan.stale(), plan.owner());
        }
        DropResult moved = plan.swap()
                .result(
                        names.target(),
                        connection.version(),
                        dryRun,
                        plan.plan().statements(),
                        since(startNanos));
        return new RestoreResult(
                names,
                connection.version(),
                plan.prepared(),
                moved.terminated(),
                plan.method(),
                since(startNanos),
                plan.plan().statements(),
                dryRun,
                null);
    }

    /** What restore does instead of restoring a snapshot that is stale for pgreset.snapshotSources. */
    @FunctionalInterface
    public interface WhenStale {
        /**
         * @param state what was read, as the repairs of leftovers left it
         * @param why why the snapshot is stale, for a sentence ({@link SnapshotPlanner#whyStale})
         * @param owner the owner the recreated database keeps ({@link RestorePlanner#ownerToKeep}), {@code null} for
         *     the connecting role
         */
        RestoreResult restore(TargetState state, String why, String owner);
    }

    /**
     * Drops the database the last restore replaced, then clones the snapshot into the prepared copy ({@link
     * SnapshotPlanner#nextCopy}). Off the restore's path.
     */
    public Duration prepareCopy() {
        long start = System.nanoTime();
        Leftovers plan = planner.nextCopy(read());
        execute(plan.plan(), plan);
        return since(start);
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
     * one round trip; the first read of a goal that changes something takes the goal lock in the same round trip.
     */
    private TargetState read() {
        List<DatabaseName> related = new ArrayList<>(names.working());
        related.add(names.snapshot());
        related.add(names.prepared());
        if (lock) {
            lock = false;
            return GoalLock.lockAndRead(connection, target, related, true, progress);
        }
        return CatalogQueries.targetState(connection, names.target(), related, true);
    }

    /** How to copy {@code source} ({@link CopyMethod#choose}); before 15 there is nothing to choose or read. */
    private CopyMethod copyMethodFor(DatabaseName source) {
        if (!connection.version().supports(Feature.CREATE_STRATEGY)) {
            return CopyMethod.choose(options.fileCopyMethod(), connection.version(), 0, null);
        }
        StorageProbe.DatabaseStorage stored = storage.databaseStorage(source);
        return CopyMethod.choose(
                options.fileCopyMethod(), connection.version(), stored.bytes(), () -> storage.storage(stored));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
