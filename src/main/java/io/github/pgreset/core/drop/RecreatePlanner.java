package io.github.pgreset.core.drop;

import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.Sentences;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.plan.PlanContext;
import io.github.pgreset.core.plan.Step;
import java.sql.SQLException;
import java.util.List;

/**
 * Decides what {@code recreate} does, from the same read as a drop: the drop's plan, then one {@code CREATE DATABASE}.
 * A role that may not create databases is refused before anything is dropped.
 */
public final class RecreatePlanner {
    /**
     * @param drop the drop's plan, whose result the report shows
     * @param create the CREATE DATABASE
     * @param plan the drop's steps, then the create
     */
    public record RecreatePlan(DropPlan drop, String create, Plan plan) {}

    private final PlanContext context;
    private final DropPlanner drops;
    private final CreateOptions createOptions;

    public RecreatePlanner(
            PlanContext context, DropOptions dropOptions, CreateOptions createOptions, ProgressListener progress) {
        this.context = context;
        this.drops = new DropPlanner(context, dropOptions, progress).forGoal("recreate");
        this.createOptions = createOptions;
    }

    public RecreatePlan plan(TargetState state) {
        createOptions.checkSupportedBy(
                context.version(),
                context.sessionDatabase() + " on "
                        + context.target().connection().location());
        if (!state.catalog().mayCreateDatabases()) {
            throw new PgResetException(
                    Problem.PERMISSION_DENIED,
                    "Refusing to recreate " + context.target().describe() + ": role " + context.role() + " may not "
                            + "create databases, so the database would be dropped and not created again. Grant "
                            + "it (ALTER ROLE " + SqlText.identifier(context.role()) + " CREATEDB) or connect "
                            + "as a role that has CREATEDB.");
        }
        DropPlan drop = drops.drop(state);
        String create = DatabaseStatements.create(context.target().database(), createOptions);
        String purpose = "Creating " + context.target().describe();
        Step creating = Step.acting("create", purpose, List.of(create), c -> {
            try {
                c.executeDdl(create);
            } catch (SQLException e) {
                throw createFailed(c.failure(e, purpose), drop.outcome());
            }
        });
        return new RecreatePlan(drop, create, drop.plan().then(Plan.of(creating)));
    }

    /**
     * The CREATE after the drop failed. Only a failure the server gave for the statement itself is about its options;
     * a broken connection or a timeout is said as it is.
     */
    public static PgResetException createFailed(PgResetException failure, DropResult.Outcome dropOutcome) {
        String dropped = dropOutcome == DropResult.Outcome.DROPPED ? " The old database was dropped." : "";
        String advice =
                switch (failure.problem()) {
                    case UNREACHABLE, TIMEOUT -> " Run pgreset:recreate again.";
                    default ->
                        " Fix the CREATE DATABASE options (pgreset.owner, template, encoding, locale, tablespace ...) and"
                                + " run pgreset:recreate again.";
                };
        return new PgResetException(
                failure.problem(), Sentences.end(failure.getMessage()) + dropped + advice, failure.getCause());
    }
}
