package io.github.pgreset.core.snapshot;

import static io.github.pgreset.core.Rows.QUIET;
import static io.github.pgreset.core.Rows.V12;
import static io.github.pgreset.core.Rows.V18;
import static io.github.pgreset.core.Rows.context;
import static io.github.pgreset.core.Rows.database;
import static io.github.pgreset.core.Rows.names;
import static io.github.pgreset.core.Rows.row;
import static io.github.pgreset.core.Rows.session;
import static io.github.pgreset.core.Rows.state;
import static io.github.pgreset.core.snapshot.SnapshotPlannerTest.COPY;
import static io.github.pgreset.core.snapshot.SnapshotPlannerTest.NAMES;
import static io.github.pgreset.core.snapshot.SnapshotPlannerTest.V1;
import static io.github.pgreset.core.snapshot.SnapshotPlannerTest.snapshotRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pgreset.core.Rows;
import io.github.pgreset.core.catalog.DatabaseRow;
import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.drop.DropMethod;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.plan.PlanContext;
import io.github.pgreset.core.plan.Step;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What restore does, decided from the rows one read returned, without a server. */
class RestorePlannerTest {

    private static RestorePlanner.RestorePlan restore(
            PlanContext context, SnapshotOptions options, DropOptions drop, TargetState state) {
        SnapshotPlanner snapshots = new SnapshotPlanner(context, NAMES, options, source -> COPY);
        return new RestorePlanner(context, NAMES, options, snapshots, drop, QUIET).restore(state, source -> COPY);
    }

    private static RestorePlanner.RestorePlan restore(ServerVersion version, TargetState state) {
        return restore(context(version), SnapshotOptions.DEFAULTS, DropOptions.defaults(), state);
    }

    private static Map<DatabaseName, DatabaseRow> snapshotWithCopy() {
        Map<DatabaseName, DatabaseRow> related = new HashMap<>();
        related.put(NAMES.snapshot(), snapshotRow(500, V1));
        related.put(NAMES.prepared(), row(600, Marks.copy(500), false, false));
        return related;
    }

    @Test
    void aPreparedCopyOfThisSnapshotIsSwappedIn() {
        for (ServerVersion version : List.of(V12, V18)) {
            RestorePlanner.RestorePlan plan = restore(
                    version, state(database(null), List.of(session(1, "app", true)), List.of(), snapshotWithCopy()));
            assertThat(plan.prepared()).isTrue();
            assertThat(plan.method()).isNull();
            assertThat(names(plan.plan())).containsExactly("close", "terminate", "swap");
            assertThat(plan.plan().statements())
                    .contains(
                            "ALTER DATABASE \"chat\" RENAME TO \"chat_pgreset_old\"",
                            "ALTER DATABASE \"chat_next\" RENAME TO \"chat\"");
            assertThat(plan.swap().sessions()).hasSize(1);
        }
    }

    @Test
    void asSuperuserTheSwapHoldsBackNewConnections() {
        RestorePlanner.RestorePlan plan = restore(
                Rows.superuser(V18),
                SnapshotOptions.DEFAULTS,
                DropOptions.defaults(),
                state(database(null), List.of(), List.of(), snapshotWithCopy()));
        assertThat(plan.plan().statements()).contains(NameSwap.HOLD_BACK);
        assertThat(restore(V18, state(database(null), List.of(), List.of(), snapshotWithCopy()))
                        .plan()
                        .statements())
                .doesNotContain(NameSwap.HOLD_BACK);
    }

    @Test
    void aCopyOfAnEarlierSnapshotIsNeverSwappedInTheSnapshotIsClonedFirst() {
        Map<DatabaseName, DatabaseRow> related = snapshotWithCopy();
        related.put(NAMES.prepared(), row(600, Marks.copy(499), false, false));
        RestorePlanner.RestorePlan plan = restore(V18, state(database(null), List.of(), List.of(), related));
        assertThat(plan.prepared()).isFalse();
        assertThat(plan.method()).isEqualTo(COPY);
        assertThat(names(plan.plan())).containsExactly("copy", "close", "terminate", "swap");
        Step copy = plan.plan().steps().get(0);
        assertThat(plan.plan().steps().get(3).settles()).contains(copy.leaves());
        assertThat(plan.plan().statements()).contains("ALTER DATABASE \"chat_pgreset_next\" RENAME TO \"chat\"");
    }

    @Test
    void withoutTheDatabaseTheCopyTakesTheName() {
        RestorePlanner.RestorePlan plan = restore(V18, state(null, List.of(), List.of(), snapshotWithCopy()));
        assertThat(names(plan.plan())).containsExactly("swap");
        assertThat(plan.plan().statements()).noneMatch(sql -> sql.contains("chat_pgreset_old"));
    }

    @Test
    void aTargetAStoppedRestoreLeftClosedIsRepairedOnceNotTwice() {
        DatabaseRow closed = row(1, Marks.closed("restore", Instant.EPOCH, "mine"), false, false);
        RestorePlanner.RestorePlan plan = restore(V18, state(closed, List.of(), List.of(), snapshotWithCopy()));
        assertThat(names(plan.plan())).containsExactly("repair", "close", "terminate", "swap");
        assertThat(plan.leftovers().found()).containsExactly("reopened database \"chat\"");
        assertThat(plan.plan().steps().get(1).leaves().sql()).endsWith("IS 'mine'");
    }

    @Test
    void noSnapshotOrOneNotFinishedIsRefused() {
        PgResetException none =
                catchThrowableOfType(() -> restore(V18, state(database(null), List.of())), PgResetException.class);
        assertThat(none.problem()).isEqualTo(Problem.DATABASE_MISSING);
        assertThat(none.getMessage()).contains("Run pgreset:snapshot first");
        Map<DatabaseName, DatabaseRow> foreign = Map.of(NAMES.snapshot(), row(5, "hand-made", false, true));
        PgResetException notOurs = catchThrowableOfType(
                () -> restore(V18, state(database(null), List.of(), List.of(), foreign)), PgResetException.class);
        assertThat(notOurs.problem()).isEqualTo(Problem.REFUSED_TARGET);
    }

    @Test
    void aStaleSnapshotIsNotRestoredAndTheDatabaseKeepsItsOwner() {
        SnapshotOptions changed = new SnapshotOptions(null, null, SnapshotPlannerTest.V2, null);
        DatabaseRow theirs = new DatabaseRow(1, null, true, -1, false, "chat_owner", true);
        RestorePlanner.RestorePlan plan = restore(
                context(V18), changed, DropOptions.defaults(), state(theirs, List.of(), List.of(), snapshotWithCopy()));
        assertThat(plan.stale()).startsWith("its sources changed");
        assertThat(plan.owner()).isEqualTo("chat_owner");
        assertThat(plan.swap()).isNull();
        assertThat(plan.plan().steps()).isEmpty();

        RestorePlanner.RestorePlan first =
                restore(context(V18), changed, DropOptions.defaults(), state(null, List.of()));
        assertThat(first.stale()).isEqualTo("there is no snapshot \"chat_snapshot\" yet");
        assertThat(first.owner()).isNull();
        assertThat(RestorePlanner.ownerToKeep(null, row(1, null, false, true))).isEqualTo("app");
    }

    @Test
    void withoutForceTheSessionsAreListedNotEnded() {
        PgResetException refused = catchThrowableOfType(
                () -> restore(
                        context(V18),
                        SnapshotOptions.DEFAULTS,
                        new DropOptions(false, false),
                        state(database(null), List.of(session(3, "psql", true)), List.of(), snapshotWithCopy())),
                PgResetException.class);
        assertThat(refused.problem()).isEqualTo(Problem.DATABASE_IN_USE);
        RestorePlanner.RestorePlan idle = restore(
                context(V18),
                SnapshotOptions.DEFAULTS,
                new DropOptions(false, false),
                state(database(null), List.of(), List.of(), snapshotWithCopy()));
        assertThat(idle.swap().method()).isEqualTo(DropMethod.RENAME);
        assertThat(names(idle.plan())).containsExactly("swap");
    }
}
