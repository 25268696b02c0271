package io.github.pgreset.core.drop;

import io.github.pgreset.core.catalog.Blocker;
import io.github.pgreset.core.catalog.CatalogQueries;
import io.github.pgreset.core.catalog.CatalogRow;
import io.github.pgreset.core.catalog.DatabaseRow;
import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.catalog.PreparedTransaction;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.plan.PlanContext;
import io.github.pgreset.core.plan.Step;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.SessionTerminator;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides how one database is dropped, or moved aside for a restore, from what one read returned: the server's
 * version, the target's row, its sessions and prepared transactions. No server is needed to decide, so each decision is
 * unit-tested; {@link DropSteps} carries the plan out.
 *
 * <ul>
 *   <li>13+: {@code DROP DATABASE ... WITH (FORCE)}, which terminates the sessions and drops while holding the
 *       database lock, so no client can slip in; retried while the server still reports the database busy.
 *   <li>older, and every restore's rename: {@code ALTER DATABASE ... ALLOW_CONNECTIONS false} (which, unlike REVOKE
 *       CONNECT, also stops superusers and the owner), terminate, wait until the backends have exited, then drop (or
 *       swap); retried with backoff. A plan stopped before its last step allows connections again.
 *   <li>{@code pgreset.force=false}: a plain statement, refused while anyone is connected.
 * </ul>
 */
public final class DropPlanner {
    private final PlanContext context;
    private final DropOptions options;
    private final ProgressListener progress;
    /** The goal a database this plan closes is marked closed by: drop, or recreate (a swap's is restore). */
    private final String goal;

    public DropPlanner(PlanContext context, DropOptions options, ProgressListener progress) {
        this(context, options, progress, "drop");
    }

    private DropPlanner(PlanContext context, DropOptions options, ProgressListener progress, String goal) {
        this.context = context;
        this.options = options;
        this.progress = progress;
        this.goal = goal;
    }

    /** The same planner for {@code goal}, whose name the mark on a database it closes gives. */
    DropPlanner forGoal(String goal) {
        return new DropPlanner(context, options, progress, goal);
    }

    /**
     * Whether the plan needs what no termination clears from the first read: to name it before it closes the database
     * (before 13), or to roll the prepared transactions back. On 13+ FORCE fails on it without changing anything, and
     * the drop step names it then; a plain DROP never terminates anyone.
     */
    public static boolean readsBlockers(ServerVersion version, DropOptions options) {
        return options.rollbackPrepared()
                || DropMethod.choose(options.force(), false, version).blocksFirst();
    }

    /** The plan that drops the target, from what {@link CatalogQueries#targetState} read. */
    public DropPlan drop(TargetState state) {
        return plan(state, state.catalog().database(), null, null);
    }

    /**
     * The plan that moves the target aside and {@code swap}s the copy into its name, for a restore: there is no FORCE
     * for a rename, so the sessions are blocked, terminated and waited for on every version. Without a target (or with
     * an invalid one, dropped first), the copy just takes the name.
     *
     * @param row the target's row as the steps before leave it (a leftover's repair already planned), or null
     * @param copyLeft what the copy made before this plan leaves until the swap, {@code null} for none
     */
    public DropPlan swap(TargetState state, DatabaseRow row, Swap swap, Step.Undo copyLeft) {
        return plan(state, row, swap, copyLeft);
    }

    /**
     * A restore's swap, as the drop plan ends with it.
     *
     * @param aside the target renamed aside and the copy into its name, in one transaction
     * @param intoFreeName the copy renamed into a name no database holds
     * @param asideWhenNobodyOn {@code aside} without closing the target first, tried when nobody was on it; {@code
     *     null} where that is not safe
     */
    public record Swap(FinalStep aside, FinalStep intoFreeName, FinalStep.WhenNobodyOn asideWhenNobodyOn) {}

    private DropPlan plan(TargetState state, DatabaseRow row, Swap swap, Step.Undo copyLeft) {
        CatalogRow catalog = state.catalog();
        List<Session> sessions = state.sessions();
        List<PreparedTransaction> prepared = state.prepared();
        DropSteps run = new DropSteps(context, progress);
        requireWritable(catalog);
        DatabaseName database = context.target().database();
        if (row == null) {
            if (swap != null) {
                return new DropPlan(
                        DropResult.Outcome.MISSING, DropMethod.NONE, List.of(), intoFreeName(swap, copyLeft), run);
            }
            if (!options.ifExists()) {
                throw missing(context.target());
            }
            return new DropPlan(DropResult.Outcome.MISSING, DropMethod.NONE, List.of(), Plan.of(), run);
        }
        requireNotTemplateAndMayDrop(row);
        List<Step> steps = new ArrayList<>();
        if (Marks.isClosed(row.comment())) {
            steps.add(reopenLeftover(database, row, run));
            row = row.reopened();
        }
        if (row.invalid()) {
            // nobody can connect to an invalid database (an interrupted DROP): a plain DROP cleans it up
            FinalStep drop = FinalStep.of(DatabaseStatements.drop(database, false, context.version()));
            steps.add(Step.acting(
                    "drop",
                    "Dropping the invalid " + context.target().describe(),
                    drop.statements(),
                    c -> run.dropOnce(c, drop)));
            Plan plan = new Plan(steps);
            if (swap != null) {
                plan = plan.then(intoFreeName(swap, copyLeft));
            }
            return new DropPlan(DropResult.Outcome.DROPPED, DropMethod.INVALID, List.of(), plan, run);
        }
        if (options.rollbackPrepared() && !prepared.isEmpty()) {
            steps.add(Step.acting(
                    "rollback-prepared",
                    "Rolling back the prepared transactions of "
                            + context.target().describe(),
                    prepared.stream()
                            .map(p -> DatabaseStatements.rollbackPrepared(p.gid()))
                            .toList(),
                    c -> run.rollBack(c, prepared)));
        }
        DropMethod method = DropMethod.choose(options.force(), swap != null, context.version());
        FinalStep end = swap != null
                ? swap.aside()
                : FinalStep.of(DatabaseStatements.drop(database, options.force(), context.version()));
        String endName = swap != null ? "swap" : "drop";
        String endPurpose = swap != null
                ? "Swapping the copy into the name of " + context.target().describe()
                : "Dropping " + context.target().describe();
        if (!options.force()) {
            if (!sessions.isEmpty()) {
                throw DropSteps.inUse(context.target(), sessions);
            }
            steps.add(Step.acting(endName, endPurpose, end.statements(), c -> run.dropOnce(c, end))
                    .settling(copyLeft));
            return new DropPlan(DropResult.Outcome.DROPPED, method, sessions, new Plan(steps), run);
        }
        SessionTerminator.requireTerminable(sessions, DropSteps.lead(context.target()), context.role());
        // on 13+ read only with pgreset.rollbackPrepared (readsBlockers): FORCE fails on them, having changed nothing,
        // and the drop step names them then
        requireNothingTerminationCannotClear(state.blockers());
        if (!method.blocksFirst()) {
            steps.add(Step.acting(endName, endPurpose, end.statements(), c -> run.forceDrop(c, end, sessions))
                    .settling(copyLeft));
            return new DropPlan(DropResult.Outcome.DROPPED, method, sessions, new Plan(steps), run);
        }
        List<Step> closing = new ArrayList<>();
        Step.Undo reopen = null;
        if (row.allowConnections()) {
            String close = DatabaseStatements.close(
                    database, Marks.closed(swap != null ? "restore" : goal, context.now(), row.comment()));
            reopen = new Step.Undo(
                    "reopened " + context.target().describe(), DatabaseStatements.reopen(database, row.comment()));
            String blocking = "Blocking new connections to " + context.target().describe();
            closing.add(Step.acting(
                            "close",
                            blocking + ", and signalling its sessions to end (in the same round trip)",
                            List.of(close),
                            c -> run.close(c, close, blocking))
                    .leaving(reopen));
        }
        closing.add(Step.acting(
                "terminate",
                "Ending the sessions on " + context.target().describe()
                        + " (waiting for them to exit; read again: who is there once it is closed)",
                List.of(),
                run::clear));
        closing.add(Step.acting(
                        endName,
                        endPurpose + " (terminating again and retrying while the server finds it in use)",
                        end.statements(),
                        c -> run.dropCleared(c, end))
                .settling(reopen)
                .settling(copyLeft));
        if (swap != null && swap.asideWhenNobodyOn() != null && sessions.isEmpty()) {
            // nobody was on it: one round trip, which closes nothing; the longer way runs if a client came since
            FinalStep.WhenNobodyOn shortcut = swap.asideWhenNobodyOn();
            Plan longer = new Plan(closing);
            steps.add(Step.acting(
                            endName,
                            endPurpose + ", which nobody is on (if a client connected since the read: blocking new"
                                    + " connections, ending the sessions, and swapping then)",
                            shortcut.statements(),
                            c -> run.swapIfNobodyOn(c, shortcut, longer))
                    .settling(copyLeft));
        } else {
            steps.addAll(closing);
        }
        return new DropPlan(DropResult.Outcome.DROPPED, method, sessions, new Plan(steps), run);
    }

    /** The swap into a name no database holds: nobody to block or terminate. */
    private static Plan intoFreeName(Swap swap, Step.Undo copyLeft) {
        FinalStep free = swap.intoFreeName();
        return Plan.of(Step.acting("swap", "Renaming the copy into its name", free.statements(), free::execute)
                .settling(copyLeft));
    }

    /**
     * The database is still closed by a goal that was killed before it reopened it (its comment says so): reopened
     * first, with its own comment back, so that a failure of this goal cannot leave it closed either.
     */
    private static Step reopenLeftover(DatabaseName database, DatabaseRow row, DropSteps run) {
        Step reopen = reopen(database, row);
        return Step.acting(reopen.name(), reopen.purpose(), reopen.statements(), c -> run.repair(c, reopen));
    }

    /** The step that reopens a database a stopped pgreset goal closed, with its own comment back. */
    public static Step reopen(DatabaseName database, DatabaseRow row) {
        return Step.of(
                "repair",
                "Reopening database \"" + database + "\", which an interrupted pgreset goal closed",
                List.of(DatabaseStatements.reopen(database, Marks.before(row.comment()))));
    }

    /**
     * What no termination clears (a prepared transaction, unless pgreset.rollbackPrepared rolls it back; an active
     * replication slot; a subscription) is named before anything is closed or terminated: before 13 a DROP would wait
     * 5 s for it, on 13+ FORCE would fail on it.
     */
    private void requireNothingTerminationCannotClear(List<Blocker> blockers) {
        List<String> blocking = blockers.stream()
                .filter(b -> !(b.prepared() && options.rollbackPrepared()))
                .map(Blocker::description)
                .toList();
        if (!blocking.isEmpty()) {
            throw DropSteps.notClearable(DropSteps.lead(context.target()), blocking, null);
        }
    }

    /** A standby or a read-only session cannot drop or create databases: refused before anything is terminated. */
    private void requireWritable(CatalogRow catalog) {
        String lead = "Cannot drop " + context.target().describe() + ": ";
        if (catalog.inRecovery()) {
            throw new PgResetException(
                    Problem.UNSUPPORTED,
                    lead + "the server is a standby (in recovery), where databases cannot be dropped or created. Point "
                            + "pgreset.url at the primary. Nothing was terminated.");
        }
        if (catalog.readOnly()) {
            throw new PgResetException(
                    Problem.UNSUPPORTED,
                    lead + "the plugin's session is read-only (default_transaction_read_only is on for role "
                            + context.role() + ", database " + context.sessionDatabase() + " or the server). Connect "
                            + "as a role without it, or turn it off (ALTER ROLE " + SqlText.identifier(context.role())
                            + " SET default_transaction_read_only = off). Nothing was terminated.");
        }
    }

    /** A template is never dropped by accident; a database the role may not drop is refused before terminating. */
    private void requireNotTemplateAndMayDrop(DatabaseRow row) {
        Target target = context.target();
        if (row.template()) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    "Refusing to drop " + target.describe() + ": it is a template database (datistemplate). If it "
                            + "really is to go, run ALTER DATABASE "
                            + target.database().sql()
                            + " IS_TEMPLATE false first.");
        }
        if (!row.mayDrop()) {
            throw new PgResetException(
                    Problem.PERMISSION_DENIED,
                    "Cannot drop " + target.describe() + ": it belongs to role " + row.owner() + ", and role "
                            + context.role() + " is neither that role, a member of it, nor a superuser. Connect as "
                            + row.owner() + " or a superuser (pgreset.username), or GRANT "
                            + SqlText.identifier(row.owner()) + " TO " + SqlText.identifier(context.role())
                            + ". Nothing was terminated.");
        }
    }

    static PgResetException missing(Target target) {
        return PgResetException.databaseMissing(
                "The " + target.describe() + " does not exist.",
                ", or set pgreset.ifExists=true to treat a missing database as done");
    }
}
