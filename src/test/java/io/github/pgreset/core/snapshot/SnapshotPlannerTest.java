package io.github.pgreset.core.snapshot;

import static io.github.pgreset.core.Rows.NOW;
import static io.github.pgreset.core.Rows.V12;
import static io.github.pgreset.core.Rows.V18;
import static io.github.pgreset.core.Rows.context;
import static io.github.pgreset.core.Rows.database;
import static io.github.pgreset.core.Rows.names;
import static io.github.pgreset.core.Rows.row;
import static io.github.pgreset.core.Rows.session;
import static io.github.pgreset.core.Rows.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pgreset.core.catalog.DatabaseRow;
import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.catalog.SourceFingerprint;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.drop.Strategy;
import io.github.pgreset.core.plan.Step;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What snapshot and the next copy do, decided from the rows one read returned, without a server. */
class SnapshotPlannerTest {
    static final SnapshotNames NAMES = SnapshotNames.of(new DatabaseName("chat"), null);
    static final CopyMethod COPY = new CopyMethod(Strategy.FILE_COPY, null, "test");
    static final SourceFingerprint V1 = new SourceFingerprint("aaa", new TreeMap<>(Map.of("V1.sql", "aaa")));
    static final SourceFingerprint V2 =
            new SourceFingerprint("bbb", new TreeMap<>(Map.of("V1.sql", "aaa", "V2.sql", "bbb")));

    static SnapshotPlanner planner(ServerVersion version, SnapshotOptions options) {
        return new SnapshotPlanner(context(version), NAMES, options, source -> COPY);
    }

    static DatabaseRow snapshotRow(long oid, SourceFingerprint sources) {
        return row(oid, Marks.snapshot(NAMES.target(), NOW.minusSeconds(3600), sources), false, true);
    }

    private static TargetState with(DatabaseRow target, Map<DatabaseName, DatabaseRow> related) {
        return state(target, List.of(session(7, "psql", true)), List.of(), related);
    }

    @Test
    void aFirstSnapshotClosesCopiesThenReopensAndFinishesInOneTransaction() {
        SnapshotPlanner.SnapshotPlan plan =
                planner(V18, SnapshotOptions.DEFAULTS).snapshot(with(database("x"), Map.of()));
        assertThat(plan.upToDate()).isFalse();
        assertThat(plan.replaced()).isNull();
        assertThat(plan.method()).isEqualTo(COPY);
        assertThat(names(plan.plan())).containsExactly("close", "copy", "finish");
        List<Step> steps = plan.plan().steps();
        assertThat(steps.get(1).statements())
                .containsExactly("CREATE DATABASE \"chat_pgreset_snap\" TEMPLATE \"chat\" OWNER \"app\" STRATEGY "
                        + "FILE_COPY ALLOW_CONNECTIONS false");
        assertThat(steps.get(2).settles())
                .containsExactly(steps.get(0).leaves(), steps.get(1).leaves());
        assertThat(steps.get(2).statements())
                .containsExactly(
                        "ALTER DATABASE \"chat\" ALLOW_CONNECTIONS true; COMMENT ON DATABASE \"chat\" IS 'x'",
                        "ALTER DATABASE \"chat_pgreset_snap\" RENAME TO \"chat_snapshot\"",
                        "ALTER DATABASE \"chat_snapshot\" IS_TEMPLATE true",
                        "COMMENT ON DATABASE \"chat_snapshot\" IS '" + Marks.snapshot(NAMES.target(), NOW, null) + "'");
    }

    @Test
    void replacingASnapshotLeavesTheReplacedOneAndItsPreparedCopyToTheNextCopy() {
        Map<DatabaseName, DatabaseRow> related = new HashMap<>();
        related.put(NAMES.snapshot(), snapshotRow(500, null));
        related.put(NAMES.prepared(), row(600, Marks.copy(500), false, false));
        SnapshotPlanner.SnapshotPlan plan =
                planner(V12, SnapshotOptions.DEFAULTS).snapshot(with(database(null), related));
        assertThat(names(plan.plan())).containsExactly("close", "copy", "finish");
        assertThat(plan.replaced().takenAt()).isEqualTo(NOW.minusSeconds(3600));
        Step finish = plan.plan().steps().get(2);
        assertThat(finish.statements().get(1)).isEqualTo("ALTER DATABASE \"chat_snapshot\" IS_TEMPLATE false");
        assertThat(finish.statements().get(2))
                .isEqualTo("ALTER DATABASE \"chat_snapshot\" RENAME TO \"chat_pgreset_prev\"");
        assertThat(finish.leaves().sql())
                .as("a goal stopped right after the finish drops the replaced snapshot at once")
                .isEqualTo("DROP DATABASE IF EXISTS \"chat_pgreset_prev\"");

        // the state the finish leaves: the next copy drops the replaced snapshot and the stale copy, as its plan
        Map<DatabaseName, DatabaseRow> after = new HashMap<>();
        after.put(NAMES.snapshot(), snapshotRow(700, null));
        after.put(NAMES.replacedSnapshot(), snapshotRow(500, null));
        after.put(NAMES.prepared(), row(600, Marks.copy(500), false, false));
        Leftovers next =
                planner(V12, SnapshotOptions.DEFAULTS).nextCopy(state(database(null), List.of(), List.of(), after));
        assertThat(names(next.plan())).containsExactly("drop-replaced", "drop-copy", "prepare", "finish-copy");
        assertThat(next.plan().steps().get(0).statements())
                .containsExactly(
                        "ALTER DATABASE \"chat_pgreset_prev\" IS_TEMPLATE false",
                        "DROP DATABASE IF EXISTS \"chat_pgreset_prev\"");
        assertThat(next.found())
                .as("dropping what the snapshot replaced is the plan, not a repair")
                .isEmpty();
    }

    @Test
    void whatNoTerminationClearsIsNamedBeforeTheSnapshotClosesAnything() {
        TargetState held = new TargetState(
                new io.github.pgreset.core.catalog.CatalogRow(database(null), false, false, true),
                List.of(),
                List.of(),
                List.of(new io.github.pgreset.core.catalog.Blocker(true, "prepared transaction \"tx1\" (app)")),
                Map.of(NAMES.target(), database(null)));
        PgResetException refused = catchThrowableOfType(
                () -> planner(V18, SnapshotOptions.DEFAULTS).snapshot(held), PgResetException.class);
        assertThat(refused.problem()).isEqualTo(Problem.DATABASE_IN_USE);
        assertThat(refused.getMessage())
                .startsWith("Cannot snapshot database \"chat\"")
                .contains("\"tx1\"");
    }

    @Test
    void aSnapshotOfTheSameSourcesStaysAndOnlyLeftoversAreRepaired() {
        Map<DatabaseName, DatabaseRow> related = new HashMap<>();
        related.put(NAMES.snapshot(), snapshotRow(500, V1));
        related.put(NAMES.partialSnapshot(), row(9, null, false, false));
        SnapshotOptions options = new SnapshotOptions(null, null, V1, null);
        SnapshotPlanner.SnapshotPlan plan = planner(V18, options).snapshot(with(database(null), related));
        assertThat(plan.upToDate()).isTrue();
        assertThat(names(plan.plan())).containsExactly("repair");
        assertThat(plan.leftovers().found()).hasSize(1);

        SnapshotOptions changed = new SnapshotOptions(null, null, V2, null);
        assertThat(planner(V18, changed).snapshot(with(database(null), related)).upToDate())
                .isFalse();
    }

    @Test
    void namesPgresetDidNotMakeAreRefusedNeverDropped() {
        Map<DatabaseName, DatabaseRow> related = Map.of(NAMES.snapshot(), row(5, "someone's", true, false));
        PgResetException refused = catchThrowableOfType(
                () -> planner(V18, SnapshotOptions.DEFAULTS).snapshot(with(database(null), related)),
                PgResetException.class);
        assertThat(refused.problem()).isEqualTo(Problem.REFUSED_TARGET);
        assertThat(refused.getMessage()).contains("\"chat_snapshot\"", "pgreset.snapshotName");

        Map<DatabaseName, DatabaseRow> copy = Map.of(NAMES.prepared(), row(5, null, false, false));
        assertThat(catchThrowableOfType(
                                () -> planner(V18, SnapshotOptions.DEFAULTS).snapshot(with(database(null), copy)),
                                PgResetException.class)
                        .getMessage())
                .contains("\"chat_next\"");
    }

    @Test
    void aMissingDatabaseOrSessionsTheRoleMayNotEndAreRefused() {
        PgResetException missing = catchThrowableOfType(
                () -> planner(V18, SnapshotOptions.DEFAULTS).snapshot(state(null, List.of())), PgResetException.class);
        assertThat(missing.problem()).isEqualTo(Problem.DATABASE_MISSING);
        PgResetException refused = catchThrowableOfType(
                () -> planner(V18, SnapshotOptions.DEFAULTS)
                        .snapshot(state(database(null), List.of(session(8, "admin", false)))),
                PgResetException.class);
        assertThat(refused.problem()).isEqualTo(Problem.PERMISSION_DENIED);
        assertThat(refused.getMessage()).startsWith("Cannot snapshot database \"chat\"");
    }

    @Test
    void aTargetAStoppedGoalLeftClosedIsReopenedAndKeepsItsOwnComment() {
        DatabaseRow closed = row(1, Marks.closed("snapshot", Instant.EPOCH, "mine"), false, false);
        SnapshotPlanner.SnapshotPlan plan =
                planner(V18, SnapshotOptions.DEFAULTS).snapshot(with(closed, Map.of()));
        assertThat(names(plan.plan())).containsExactly("repair", "close", "copy", "finish");
        assertThat(plan.plan().steps().get(3).statements().get(0))
                .isEqualTo("ALTER DATABASE \"chat\" ALLOW_CONNECTIONS true; COMMENT ON DATABASE \"chat\" IS 'mine'");
    }

    @Test
    void theNextCopyDropsTheReplacedDatabaseAndCopiesOnlyWhatIsMissing() {
        Map<DatabaseName, DatabaseRow> related = new HashMap<>();
        related.put(NAMES.snapshot(), snapshotRow(500, null));
        related.put(NAMES.aside(), row(3, Marks.ASIDE, false, false));
        Leftovers plan =
                planner(V18, SnapshotOptions.DEFAULTS).nextCopy(state(database(null), List.of(), List.of(), related));
        assertThat(names(plan.plan())).containsExactly("drop-aside", "prepare", "finish-copy");
        assertThat(plan.plan().steps().get(2).statements())
                .containsExactly(
                        "ALTER DATABASE \"chat_pgreset_next\" RENAME TO \"chat_next\"",
                        "COMMENT ON DATABASE \"chat_next\" IS '" + Marks.copy(500) + "'");
        assertThat(plan.found())
                .as("the drop of the replaced database is the plan, not a repair")
                .isEmpty();

        related.remove(NAMES.aside());
        related.put(NAMES.prepared(), row(600, Marks.copy(500), false, false));
        assertThat(planner(V18, SnapshotOptions.DEFAULTS)
                        .nextCopy(state(database(null), List.of(), List.of(), related))
                        .plan()
                        .steps())
                .as("the copy is already of this snapshot")
                .isEmpty();

        related.put(NAMES.prepared(), row(600, Marks.copy(499), false, false));
        assertThat(names(planner(V18, SnapshotOptions.DEFAULTS)
                        .nextCopy(state(database(null), List.of(), List.of(), related))
                        .plan()))
                .containsExactly("drop-copy", "prepare", "finish-copy");
    }

    @Test
    void noSnapshotNoCopy() {
        assertThat(planner(V18, SnapshotOptions.DEFAULTS)
                        .nextCopy(state(database(null), List.of()))
                        .plan()
                        .steps())
                .isEmpty();
        Map<DatabaseName, DatabaseRow> unfinished = Map.of(NAMES.snapshot(), row(5, null, false, true));
        assertThat(planner(V18, SnapshotOptions.DEFAULTS)
                        .nextCopy(state(database(null), List.of(), List.of(), unfinished))
                        .plan()
                        .steps())
                .isEmpty();
    }

    @Test
    void whyAStaleSnapshotIsStale() {
        assertThat(SnapshotPlanner.whyStale(NAMES, null, V1)).isEqualTo("there is no snapshot \"chat_snapshot\" yet");
        assertThat(SnapshotPlanner.whyStale(NAMES, row(1, "x", false, true), V1))
                .isEqualTo("\"chat_snapshot\" is not a snapshot that pgreset finished");
        assertThat(SnapshotPlanner.whyStale(NAMES, snapshotRow(1, null), V1))
                .isEqualTo("\"chat_snapshot\" was taken without pgreset.snapshotSources");
        assertThat(SnapshotPlanner.whyStale(NAMES, snapshotRow(1, V1), V1)).isNull();
        assertThat(SnapshotPlanner.whyStale(NAMES, snapshotRow(1, V1), V2))
                .startsWith("its sources changed since \"chat_snapshot\" was taken: ")
                .contains("V2.sql");
        DatabaseRow invalid = new DatabaseRow(1, Marks.snapshot(NAMES.target(), NOW, V1), false, -2, true, "app", true);
        assertThat(SnapshotPlanner.whyStale(NAMES, invalid, V1)).contains("not a snapshot that pgreset finished");
    }
}
