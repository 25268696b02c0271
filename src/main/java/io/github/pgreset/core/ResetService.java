package io.github.pgreset.core;

import io.github.pgreset.core.catalog.CatalogQueries;
import io.github.pgreset.core.catalog.DatabaseRow;
import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SafetyRules;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.drop.DropPlan;
import io.github.pgreset.core.drop.DropPlanner;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreatePlanner;
import io.github.pgreset.core.drop.RecreateResult;
import io.github.pgreset.core.plan.GoalLock;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.plan.PlanContext;
import io.github.pgreset.core.plan.Step;
import io.github.pgreset.core.plan.StopGuard;
import io.github.pgreset.core.report.SessionReport;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.SessionTerminator;
import io.github.pgreset.core.session.TerminateResult;
import io.github.pgreset.core.snapshot.RestoreResult;
import io.github.pgreset.core.snapshot.SnapshotNames;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.core.snapshot.SnapshotResult;
import io.github.pgreset.core.snapshot.Snapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one service behind every goal: lists and terminates the sessions on a database, drops it and creates it
 * again. Each call opens one connection to the maintenance database, checks the safety rules first (a remote host or
 * a protected name is refused before anything is sent) and finishes within {@link ResetSettings#timeout()}.
 */
public final class ResetService {
    private final ResetSettings settings;
    private final ProgressListener progress;

    public ResetService(ResetSettings settings, ProgressListener progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Target target() {
        return settings.target();
    }

    /** The client sessions on the target database. */
    public SessionReport sessions() {
        try (MaintenanceConnection connection = open()) {
            TargetState state = read(connection);
            DatabaseRow row = requireDatabase(state.catalog().database());
            return new SessionReport(
                    target().database(),
                    connection.version(),
                    state.sessions(),
                    row.invalid(),
                    !row.allowConnections() && Marks.isClosed(row.comment()));
        }
    }

    /**
     * Terminates every client session on the target database except the plugin's own and waits until they are gone.
     * Sessions on other databases are never touched. Fails, after ending the others, when some sessions may not be
     * terminated by the plugin's role.
     */
    public TerminateResult terminate() {
        long start = System.nanoTime();
        requireAllowed(SafetyRules.Use.TERMINATE);
        try (MaintenanceConnection connection = open()) {
            DatabaseName database = target().database();
            TargetState state = read(connection);
            requireDatabase(state.catalog().database());
            List<Session> terminated = new ArrayList<>(state.sessions());
            Plan plan = Plan.of(
                    Step.acting("terminate", "Terminating the sessions on " + target().describe(), List.of(), c -> {
                        terminated.clear();
                        terminated.addAll(new SessionTerminator(c).terminateAll(database, target().describe()));
                    }));
            execute(plan, connection);
            return new TerminateResult(database, connection.version(), terminated, settings.dryRun(), since(start));
        }
    }

    /** Drops the target database, terminating its sessions unless {@code options.force()} is false. */
    public DropResult drop(DropOptions options) {
        long start = System.nanoTime();
        requireAllowedToDrop();
        try (MaintenanceConnection connection = openStoppable()) {
            DropPlan drop = planner(connection, options)
                    .drop(lockAndRead(connection, DropPlanner.readsBlockers(connection.version(), options)));
            execute(drop.plan(), connection);
            return drop.result(
                    target().database(),
                    connection.version(),
                    settings.dryRun(),
                    drop.plan().statements(),
                    since(start));
        }
    }

    /** Drops the target database as {@link #drop} does, then creates it empty with the given options. */
    public RecreateResult recreate(DropOptions dropOptions, CreateOptions createOptions) {
        long start = System.nanoTime();
        requireAllowedToDrop();
        try (MaintenanceConnection connection = openStoppable()) {
            return recreateOn(
                    connection,
                    lockAndRead(connection, DropPlanner.readsBlockers(connection.version(), dropOptions)),
                    dropOptions,
                    createOptions,
                    start);
        }
    }

    /** {@link #recreate} on an open connection that holds the goal lock (unless this is a dry run). */
    private RecreateResult recreateOn(
            MaintenanceConnection connection,
            TargetState state,
            DropOptions dropOptions,
            CreateOptions createOptions,
            long start) {
        RecreatePlanner.RecreatePlan recreate = new RecreatePlanner(
                        PlanContext.of(connection, target()), dropOptions, createOptions, progress)
                .plan(state);
        execute(recreate.plan(), connection);
        DropResult dropped = recreate.drop()
                .result(
                        target().database(),
                        connection.version(),
                        settings.dryRun(),
                        recreate.drop().plan().statements(),
                        since(start));
        return new RecreateResult(dropped, recreate.create(), settings.dryRun(), since(start));
    }

    /**
     * Saves the target database as a template, closed to connections: its snapshot ({@code snapshotName}, default
     * {@code <database>_snapshot}). Sessions on the target are terminated for the copy; connections are allowed again
     * afterwards. Then prepares the copy that the next {@link #restore} swaps in.
     */
    public SnapshotResult snapshot(SnapshotOptions options) {
        return snapshot(options, true);
    }

    /**
     * {@link #snapshot(SnapshotOptions)}; with {@code withNextCopy} false, the snapshot it replaced is left to be
     * dropped and the next copy to be made by {@link #prepareNextCopy}, which the caller runs off the path of whoever
     * waits for the database (the plugin: while the build goes on).
     */
    public SnapshotResult snapshot(SnapshotOptions options, boolean withNextCopy) {
        SnapshotNames names = options.names(target().database());
        requireAllowed(SafetyRules.Use.SNAPSHOT);
        requireDerivedDroppable(names);
        sayShortened(names);
        try (MaintenanceConnection connection = openStoppable()) {
            if (settings.dryRun()) {
                return new Snapshots(connection, target(), names, options, progress, false).snapshot(true);
            }
            Snapshots snapshots = new Snapshots(connection, target(), names, options, progress, true);
            SnapshotResult result = snapshots.snapshot(false);
            if (withNextCopy) {
                snapshots.prepareCopy();
            }
            return result;
        }
    }

    /**
     * Makes the target database a fresh copy of its snapshot: ends its sessions as {@link #drop} does, renames it out
     * of the way and the prepared copy into its place, or, without one, clones the snapshot. Call {@link
     * #prepareNextCopy} afterwards (it drops the old database and prepares the next copy), off the path of whoever
     * waits for the database.
     */
    public RestoreResult restore(DropOptions options, SnapshotOptions snapshotOptions) {
        long start = System.nanoTime();
        SnapshotNames names = checkedNames(snapshotOptions);
        try (MaintenanceConnection connection = openStoppable()) {
            return restoreOn(connection, options, snapshotOptions, names, start);
        }
    }

    /**
     * {@link #restore} on a server session the caller keeps for many restores ({@link MaintenanceConnection#lease}):
     * the tests of one JVM, where a login each time would cost more than the swap. The goal lock is released at the
     * end, as closing the session would release it.
     */
    public RestoreResult restore(MaintenanceConnection session, DropOptions options, SnapshotOptions snapshotOptions) {
        long start = System.nanoTime();
        SnapshotNames names = checkedNames(snapshotOptions);
        return onSession(session, true, connection -> restoreOn(connection, options, snapshotOptions, names, start));
    }

    /**
     * One goal on a server session the caller keeps ({@link MaintenanceConnection#lease}), with a deadline of its own;
     * the goal lock is released at the end, as closing the session would release it. A {@code stoppable} goal is
     * stopped by the JVM's end (Ctrl-C) and puts back what it began.
     */
    private <T> T onSession(MaintenanceConnection session, boolean stoppable, Function<MaintenanceConnection, T> goal) {
        try (MaintenanceConnection connection = session.lease(Deadline.after(settings.timeout()))) {
            if (stoppable) {
                connection.guard(StopGuard.watch(connection, progress));
            }
            try {
                return goal.apply(connection);
            } finally {
                if (!connection.stopped()) {
                    GoalLock.release(connection, target().database());
                }
            }
        }
    }

    private SnapshotNames checkedNames(SnapshotOptions snapshotOptions) {
        SnapshotNames names = snapshotOptions.names(target().database());
        requireAllowedToDrop();
        requireDerivedDroppable(names);
        sayShortened(names);
        return names;
    }

    private RestoreResult restoreOn(
            MaintenanceConnection connection,
            DropOptions options,
            SnapshotOptions snapshotOptions,
            SnapshotNames names,
            long start) {
        return new Snapshots(connection, target(), names, snapshotOptions, progress, !settings.dryRun())
                .restore(
                        options,
                        settings.dryRun(),
                        (state, stale, owner) -> restoreStale(
                                connection, state, options, names, stale, owner, snapshotOptions.onStale(), start));
    }

    /**
     * A stale snapshot is not restored: the database is recreated empty as {@link #recreate} does, owned by {@code
     * owner} (whom the replaced database belonged to), for the migrations that follow to rebuild it and snapshot to
     * save it, or the goal fails saying why.
     */
    private RestoreResult restoreStale(
            MaintenanceConnection connection,
            TargetState state,
            DropOptions options,
            SnapshotNames names,
            String stale,
            String owner,
            SnapshotOptions.OnStale onStale,
            long start) {
        if (onStale == SnapshotOptions.OnStale.FAIL) {
            throw new PgResetException(
                    Problem.STALE_SNAPSHOT,
                    "Not restoring " + target().describe() + ": " + stale + ". Rebuild the snapshot (pgreset:recreate, "
                            + "your migrations, then pgreset:snapshot), or set pgreset.onStaleSnapshot=recreate to "
                            + "have the build recreate the database for the migrations.");
        }
        // said before the drop, so that a build stopped part-way has told why its database is being recreated
        progress.info("Not restoring \"" + names.target() + "\" from \"" + names.snapshot() + "\": " + stale
                + (settings.dryRun() ? "; it would be" : "; it is") + " recreated empty for the migrations.");
        return RestoreResult.recreated(
                names,
                stale,
                recreateOn(connection, state, options, CreateOptions.defaults().ownedBy(owner), start));
    }

    /**
     * Clones the snapshot into the copy that the next restore swaps in (nothing when there is no snapshot). The JVM's
     * end (Ctrl-C) stops it, and it puts back what it began.
     */
    public Duration prepareNextCopy(SnapshotOptions options) {
        SnapshotNames names = options.names(target().database());
        try (MaintenanceConnection connection = openStoppable()) {
            return new Snapshots(connection, target(), names, options, progress, true).prepareCopy();
        }
    }

    /**
     * {@link #prepareNextCopy} on a server session the caller keeps, for a JVM whose end is its normal end (the tests
     * of one JVM): the JVM's end does not stop it; whoever ends the JVM's work waits for it, so that the next run finds
     * the copy made.
     */
    public Duration prepareNextCopy(MaintenanceConnection session, SnapshotOptions options) {
        SnapshotNames names = options.names(target().database());
        return onSession(
                session, false, connection -> new Snapshots(connection, target(), names, options, progress, true)
                        .prepareCopy());
    }

    /** Opens a server session to keep for many goals on the target ({@link MaintenanceConnection#lease}). */
    public MaintenanceConnection openSession() {
        return open();
    }

    /** Refuses a protected name before connecting; {@link #open} checks the host. */
    private void requireAllowedToDrop() {
        requireAllowed(SafetyRules.Use.DROP);
    }

    private void requireAllowed(SafetyRules.Use use) {
        settings.safety().check(target(), target().connection().maintenanceDatabase(), use);
    }

    /** The snapshot and its prepared copy must not be a system, maintenance or protected database either. */
    private void requireDerivedDroppable(SnapshotNames names) {
        for (DatabaseName database : List.of(names.snapshot(), names.prepared())) {
            settings.safety()
                    .withoutNamePattern()
                    .check(
                            new Target(target().connection(), database),
                            target().connection().maintenanceDatabase(),
                            SafetyRules.Use.SNAPSHOT_NAME);
        }
    }

    /** The names of a snapshot that did not fit PostgreSQL's 63 bytes, and what they are instead. */
    private void sayShortened(SnapshotNames names) {
        List<String> shortened = names.shortened();
        if (!shortened.isEmpty()) {
            progress.info("Names longer than PostgreSQL's " + DatabaseName.MAX_BYTES
                    + " bytes, shortened with a digest: " + String.join(", ", shortened) + ".");
        }
    }

    /**
     * A connection for work that changes something: while it is open, stopping the JVM stops the work cleanly ({@link
     * StopGuard}).
     */
    private MaintenanceConnection openStoppable() {
        MaintenanceConnection connection = open();
        connection.guard(StopGuard.watch(connection, progress));
        return connection;
    }

    private MaintenanceConnection open() {
        settings.safety().checkHost(target().connection());
        MaintenanceConnection connection =
                MaintenanceConnection.open(target(), Deadline.after(settings.timeout()), progress);
        progress.debug("Connected to " + connection.database() + " on "
                + target().connection().location() + " as "
                + connection.role() + (connection.superuser() ? " (superuser)" : "") + ", PostgreSQL "
                + connection.version() + ".");
        if (connection.version().compareTo(ServerVersion.OLDEST_SUPPORTED) < 0) {
            connection.close();
            throw new PgResetException(
                    Problem.UNSUPPORTED,
                    "The server at " + target().connection().location()
                            + " runs PostgreSQL " + connection.version() + "; pgreset needs "
                            + ServerVersion.OLDEST_SUPPORTED
                            + " or later.");
        }
        return connection;
    }

    /**
     * Takes the goal lock (unless this is a dry run, which changes nothing) and reads, in one round trip; what no
     * termination clears only if the plan needs it ({@code blockers}).
     */
    private TargetState lockAndRead(MaintenanceConnection connection, boolean blockers) {
        return settings.dryRun()
                ? CatalogQueries.targetState(connection, target().database(), List.of(), blockers)
                : GoalLock.lockAndRead(connection, target(), List.of(), blockers, progress);
    }

    /** What sessions and terminate read: the target's row and sessions. */
    private TargetState read(MaintenanceConnection connection) {
        return CatalogQueries.targetState(connection, target().database(), List.of(), false);
    }

    private DropPlanner planner(MaintenanceConnection connection, DropOptions options) {
        return new DropPlanner(PlanContext.of(connection, target()), options, progress);
    }

    /** A real run executes the plan; a dry run only reports it. */
    private void execute(Plan plan, MaintenanceConnection connection) {
        if (!settings.dryRun()) {
            plan.execute(connection, progress);
        }
    }

    private DatabaseRow requireDatabase(DatabaseRow row) {
        if (row == null) {
            throw PgResetException.databaseMissing("The " + target().describe() + " does not exist.", "");
        }
        return row;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
