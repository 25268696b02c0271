package io.github.pgreset.core.drop;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.session.Session;
import java.time.Duration;
import java.util.List;

/**
 * How a database is to be dropped (or moved aside), as {@link DropPlanner} decided it.
 *
 * @param outcome {@code DROPPED} when the plan drops or moves a database, {@code MISSING} when there is none
 * @param method how the sessions are dealt with
 * @param sessions the sessions the read found on the target: those a dry run says it would end
 * @param plan the steps
 * @param run what carries the steps out and counts what they did
 */
public record DropPlan(
        DropResult.Outcome outcome, DropMethod method, List<Session> sessions, Plan plan, DropSteps run) {
    public DropPlan {
        sessions = List.copyOf(sessions);
    }

    /**
     * What the plan did, or (in a dry run) would do: the sessions it ended, the statements, the attempts.
     *
     * @param statements what was sent before and with it, e.g. a restore's copy and this plan
     */
    public DropResult result(
            DatabaseName database, ServerVersion version, boolean dryRun, List<String> statements, Duration elapsed) {
        if (dryRun) {
            return new DropResult(
                    database,
                    version,
                    outcome == DropResult.Outcome.MISSING ? outcome : DropResult.Outcome.PLANNED,
                    method,
                    sessions,
                    statements,
                    0,
                    elapsed);
        }
        return new DropResult(database, version, outcome, method, run.ended(), statements, run.attempts(), elapsed);
    }
}
