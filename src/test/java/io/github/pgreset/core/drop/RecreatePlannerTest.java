package io.github.pgreset.core.drop;

import static io.github.pgreset.core.Rows.QUIET;
import static io.github.pgreset.core.Rows.V12;
import static io.github.pgreset.core.Rows.V18;
import static io.github.pgreset.core.Rows.context;
import static io.github.pgreset.core.Rows.database;
import static io.github.pgreset.core.Rows.names;
import static io.github.pgreset.core.Rows.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pgreset.core.catalog.CatalogRow;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What recreate does, decided from the read a drop plans from, without a server. */
class RecreatePlannerTest {

    private static RecreatePlanner planner(io.github.pgreset.core.connection.ServerVersion version) {
        return new RecreatePlanner(context(version), DropOptions.defaults(), CreateOptions.defaults(), QUIET);
    }

    @Test
    void theDropsStepsThenOneCreate() {
        RecreatePlanner.RecreatePlan on18 = planner(V18).plan(state(database(null), List.of()));
        assertThat(names(on18.plan())).containsExactly("drop", "create");
        assertThat(on18.create()).isEqualTo("CREATE DATABASE \"chat\"");
        assertThat(on18.plan().statements()).endsWith("CREATE DATABASE \"chat\"");
        RecreatePlanner.RecreatePlan on12 = planner(V12).plan(state(database(null), List.of()));
        assertThat(names(on12.plan())).containsExactly("close", "terminate", "drop", "create");
        assertThat(on12.plan().steps().get(0).statements().get(0))
                .as("the mark on the closed database names the goal that closed it")
                .contains("closed by pgreset:recreate at");
        assertThat(names(planner(V18).plan(state(null, List.of())).plan()))
                .as("a missing database is created")
                .containsExactly("create");
    }

    @Test
    void aRoleWithoutCreatedbIsRefusedBeforeAnythingIsDropped() {
        TargetState noCreatedb = new TargetState(
                new CatalogRow(database(null), false, false, false), List.of(), List.of(), List.of(), Map.of());
        PgResetException refused = catchThrowableOfType(() -> planner(V18).plan(noCreatedb), PgResetException.class);
        assertThat(refused.problem()).isEqualTo(Problem.PERMISSION_DENIED);
        assertThat(refused.getMessage()).contains("ALTER ROLE \"app\" CREATEDB");
    }

    @Test
    void aFailedCreateSaysWhetherTheOldDatabaseWasDropped() {
        PgResetException failure = new PgResetException(Problem.TIMEOUT, "Creating database \"chat\" failed");
        assertThat(RecreatePlanner.createFailed(failure, DropResult.Outcome.MISSING)
                        .getMessage())
                .isEqualTo("Creating database \"chat\" failed. Run pgreset:recreate again.");
    }

    @Test
    void anOptionTheServerIsTooOldForIsRefusedBeforeAnythingIsDropped() {
        CreateOptions withStrategy =
                new CreateOptions(null, null, null, null, null, null, null, null, Strategy.FILE_COPY);
        PgResetException refused = catchThrowableOfType(
                () -> new RecreatePlanner(context(V12), DropOptions.defaults(), withStrategy, QUIET)
                        .plan(state(database(null), List.of())),
                PgResetException.class);
        assertThat(refused.problem()).isEqualTo(Problem.UNSUPPORTED);
        assertThat(refused.getMessage()).contains("pgreset.strategy needs PostgreSQL 15", "postgres on localhost:5432");
        assertThat(names(new RecreatePlanner(context(V18), DropOptions.defaults(), withStrategy, QUIET)
                        .plan(state(database(null), List.of()))
                        .plan()))
                .containsExactly("drop", "create");
    }
}
