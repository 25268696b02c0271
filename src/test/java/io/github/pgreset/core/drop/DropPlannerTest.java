package io.github.pgreset.core.drop;

import static io.github.pgreset.core.Rows.NOW;
import static io.github.pgreset.core.Rows.QUIET;
import static io.github.pgreset.core.Rows.V12;
import static io.github.pgreset.core.Rows.V13;
import static io.github.pgreset.core.Rows.V18;
import static io.github.pgreset.core.Rows.V96;
import static io.github.pgreset.core.Rows.context;
import static io.github.pgreset.core.Rows.database;
import static io.github.pgreset.core.Rows.names;
import static io.github.pgreset.core.Rows.session;
import static io.github.pgreset.core.Rows.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.Rows;
import io.github.pgreset.core.catalog.CatalogRow;
import io.github.pgreset.core.catalog.DatabaseRow;
import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.catalog.PreparedTransaction;
import io.github.pgreset.core.catalog.TargetState;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.plan.Step;
import io.github.pgreset.core.session.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a database is dropped, decided from what one read returned: every branch, without a server. */
class DropPlannerTest {
    private static final DropOptions FORCE = DropOptions.defaults();
    private static final DropOptions NOT_FORCED = new DropOptions(false, true, false);
    private static final List<Session> TWO = List.of(session(101, "psql", true), session(102, "HikariPool-1", true));

    private static DropPlan drop(ServerVersion version, DropOptions options, TargetState state) {
        return new DropPlanner(context(version), options, QUIET).drop(state);
    }

    private static PgResetException refusal(ServerVersion version, DropOptions options, TargetState state) {
        return (PgResetException) org.assertj.core.api.Assertions.catchThrowable(() -> drop(version, options, state));
    }

    @ParameterizedTest
    @ValueSource(strings = {"13.18", "15.10", "18.1"})
    void from13OnTheServerTerminatesAndDropsInOneStatement(String version) {
        DropPlan plan = drop(ServerVersion.parse(version), FORCE, state(database(null), TWO));
        assertThat(plan.method()).isEqualTo(DropMethod.FORCE);
        assertThat(names(plan.plan())).containsExactly("drop");
        assertThat(plan.plan().statements()).containsExactly("DROP DATABASE IF EXISTS \"chat\" WITH (FORCE)");
        assertThat(plan.sessions()).isEqualTo(TWO);
        assertThat(plan.plan().steps().get(0).leaves()).isNull();
        assertThat(plan.plan().steps().get(0).purpose()).isEqualTo("Dropping database \"chat\" on localhost:5432");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.6.24", "10.23", "11.22", "12.22"})
    void before13ConnectionsAreBlockedThenTheSessionsEndedThenTheDatabaseDropped(String version) {
        DropPlan plan = drop(ServerVersion.parse(version), FORCE, state(database("the chat service"), TWO));
        assertThat(plan.method()).isEqualTo(DropMethod.BLOCK_TERMINATE);
        assertThat(names(plan.plan())).containsExactly("close", "terminate", "drop");
        assertThat(plan.plan().statements())
                .containsExactly(
                        "COMMENT ON DATABASE \"chat\" IS '" + Marks.closed("drop", NOW, "the chat service") + "'; "
                                + "ALTER DATABASE \"chat\" ALLOW_CONNECTIONS false",
                        "DROP DATABASE IF EXISTS \"chat\"");
        Step close = plan.plan().steps().get(0);
        Step drop = plan.plan().steps().get(2);
        assertThat(close.leaves().sql())
                .as("a stop before the drop opens the database again, with its own comment back")
                .isEqualTo("ALTER DATABASE \"chat\" ALLOW_CONNECTIONS true; COMMENT ON DATABASE \"chat\" IS 'the chat "
                        + "service'");
        assertThat(drop.settles()).containsExactly(close.leaves());
    }

    @Test
    void aDatabaseItsOwnerClosedIsNotClosedAgainNorOpenedAfterAFailure() {
        DropPlan plan = drop(V12, FORCE, state(Rows.row(1, "maintenance", false, false), List.of()));
        assertThat(names(plan.plan())).containsExactly("terminate", "drop");
        assertThat(plan.plan().steps()).allMatch(s -> s.leaves() == null);
    }

    @Test
    void aMissingDatabaseIsDoneWithIfExistsAndRefusedWithout() {
        DropPlan plan = drop(V18, FORCE, state(null, List.of()));
        assertThat(plan.outcome()).isEqualTo(DropResult.Outcome.MISSING);
        assertThat(plan.method()).isEqualTo(DropMethod.NONE);
        assertThat(plan.plan().steps()).isEmpty();

        PgResetException missing = refusal(V18, new DropOptions(true, false), state(null, List.of()));
        assertThat(missing.problem()).isEqualTo(Problem.DATABASE_MISSING);
        assertThat(missing.getMessage()).contains("database \"chat\" on localhost:5432", "pgreset.ifExists=true");
    }

    @Test
    void aTemplateIsRefused() {
        PgResetException refused = refusal(V18, FORCE, state(Rows.row(1, null, true, true), List.of()));
        assertThat(refused.problem()).isEqualTo(Problem.REFUSED_TARGET);
        assertThat(refused.getMessage()).contains("template", "ALTER DATABASE \"chat\" IS_TEMPLATE false");
    }

    @Test
    void anotherRolesDatabaseIsRefusedBeforeAnyoneIsTerminated() {
        DatabaseRow theirs = new DatabaseRow(1, null, true, -1, false, "owner", false);
        PgResetException refused = refusal(V12, FORCE, state(theirs, TWO));
        assertThat(refused.problem()).isEqualTo(Problem.PERMISSION_DENIED);
        assertThat(refused.getMessage())
                .contains("belongs to role owner", "GRANT \"owner\" TO \"app\"", "Nothing was terminated");
    }

    @Test
    void aStandbyAndAReadOnlySessionAreRefused() {
        TargetState standby = new TargetState(
                new CatalogRow(database(null), true, false, true), List.of(), List.of(), List.of(), Map.of());
        assertThat(refusal(V18, FORCE, standby).getMessage()).contains("standby", "primary");
        TargetState readOnly = new TargetState(
                new CatalogRow(database(null), false, true, true), List.of(), List.of(), List.of(), Map.of());
        assertThat(refusal(V18, FORCE, readOnly).getMessage())
                .contains("read-only", "ALTER ROLE \"app\" SET default_transaction_read_only = off");
        assertThat(refusal(V18, FORCE, readOnly).problem()).isEqualTo(Problem.UNSUPPORTED);
    }

    @Test
    void sessionsTheRoleMayNotTerminateAreNamedBeforeAnythingChanges() {
        List<Session> mixed = List.of(session(101, "psql", true), session(202, "admin", false));
        PgResetException refused = refusal(V18, FORCE, state(database(null), mixed));
        assertThat(refused.problem()).isEqualTo(Problem.PERMISSION_DENIED);
        assertThat(refused.getMessage()).contains("role app may not terminate 1 of its sessions", "pid 202");
        assertThat(refusal(V12, FORCE, state(database(null), mixed)).problem()).isEqualTo(Problem.PERMISSION_DENIED);
    }

    @Test
    void withoutForceSessionsAreListedAndNothingIsDropped() {
        PgResetException refused = refusal(V18, NOT_FORCED, state(database(null), TWO));
        assertThat(refused.problem()).isEqualTo(Problem.DATABASE_IN_USE);
        assertThat(refused.getMessage()).contains("pgreset.force is false", "HikariPool-1");
    }

    @Test
    void withoutForceAnIdleDatabaseIsDroppedPlainly() {
        for (ServerVersion version : List.of(V12, V18)) {
            DropPlan plan = drop(version, NOT_FORCED, state(database(null), List.of()));
            assertThat(plan.method()).isEqualTo(DropMethod.PLAIN);
            assertThat(plan.plan().statements()).containsExactly("DROP DATABASE IF EXISTS \"chat\"");
        }
    }

    @Test
    void anInvalidDatabaseIsDroppedPlainlyWhateverTheSessions() {
        DatabaseRow invalid = new DatabaseRow(1, null, false, -2, false, "app", true);
        DropPlan plan = drop(V12, FORCE, state(invalid, List.of()));
        assertThat(plan.method()).isEqualTo(DropMethod.INVALID);
        assertThat(names(plan.plan())).containsExactly("drop");
        assertThat(plan.plan().statements()).containsExactly("DROP DATABASE IF EXISTS \"chat\"");
    }

    @Test
    void aDatabaseAStoppedGoalLeftClosedIsReopenedFirstWithItsOwnComment() {
        DatabaseRow closed = Rows.row(1, Marks.closed("drop", NOW.minusSeconds(60), "mine"), false, false);
        DropPlan plan = drop(V12, FORCE, state(closed, List.of()));
        assertThat(names(plan.plan())).containsExactly("repair", "close", "terminate", "drop");
        assertThat(plan.plan().statements().get(0))
                .isEqualTo("ALTER DATABASE \"chat\" ALLOW_CONNECTIONS true; COMMENT ON DATABASE \"chat\" IS 'mine'");
        assertThat(plan.plan().steps().get(1).leaves().sql()).endsWith("IS 'mine'");

        DropPlan on18 = drop(V18, FORCE, state(closed, List.of()));
        assertThat(names(on18.plan())).containsExactly("repair", "drop");
    }

    @Test
    void preparedTransactionsAreRolledBackOnlyWhenAsked() {
        List<PreparedTransaction> prepared = List.of(new PreparedTransaction("tx'1", "app"));
        TargetState state = state(database(null), List.of(), prepared, Map.of());
        assertThat(names(drop(V18, FORCE, state).plan())).containsExactly("drop");
        DropPlan plan = drop(V18, new DropOptions(true, true, true), state);
        assertThat(names(plan.plan())).containsExactly("rollback-prepared", "drop");
        assertThat(plan.plan().statements().get(0)).isEqualTo("ROLLBACK PREPARED 'tx''1'");
        assertThat(names(drop(V18, new DropOptions(true, true, true), state(database(null), List.of()))
                        .plan()))
                .containsExactly("drop");
    }

    @Test
    void aRestoreMovesTheDatabaseAsideOnEveryVersionAndSettlesTheCopyWithTheSwap() {
        DropPlanner.Swap swap = swap(false);
        Step.Undo copyLeft =
                new Step.Undo("dropped the unfinished copy", "DROP DATABASE IF EXISTS \"chat_pgreset_next\"");
        for (ServerVersion version : List.of(V96, V12, V13, V18)) {
            DropPlan plan = new DropPlanner(context(version), FORCE, QUIET)
                    .swap(state(database(null), TWO), database(null), swap, copyLeft);
            assertThat(plan.method()).isEqualTo(DropMethod.MOVE_ASIDE);
            assertThat(names(plan.plan())).containsExactly("close", "terminate", "swap");
            assertThat(plan.plan().steps().get(2).purpose())
                    .startsWith("Swapping the copy into the name of database \"chat\"");
            assertThat(plan.plan().statements().get(0)).contains(Marks.closed("restore", NOW, null));
            assertThat(plan.plan().steps().get(2).settles())
                    .containsExactly(plan.plan().steps().get(0).leaves(), copyLeft);
        }
        DropPlan rename = new DropPlanner(context(V18), NOT_FORCED, QUIET)
                .swap(state(database(null), List.of()), database(null), swap, copyLeft);
        assertThat(rename.method()).isEqualTo(DropMethod.RENAME);
        assertThat(rename.plan().steps().get(0).settles()).containsExactly(copyLeft);
    }

    @Test
    void aRestoreWithoutADatabaseRenamesTheCopyIntoTheFreeName() {
        DropPlanner.Swap swap = swap(true);
        DropPlan plan = new DropPlanner(context(V18), FORCE, QUIET).swap(state(null, List.of()), null, swap, null);
        assertThat(plan.outcome()).isEqualTo(DropResult.Outcome.MISSING);
        assertThat(plan.plan().statements()).isEqualTo(swap.intoFreeName().statements());
        assertThat(plan.plan().statements()).noneMatch(sql -> sql.contains("chat_pgreset_old"));

        DatabaseRow invalid = new DatabaseRow(1, null, false, -2, false, "app", true);
        DropPlan overInvalid =
                new DropPlanner(context(V18), FORCE, QUIET).swap(state(invalid, List.of()), invalid, swap, null);
        assertThat(names(overInvalid.plan())).containsExactly("drop", "swap");
    }

    @Test
    void aDryRunReportsTheSessionsItWouldEndAndNoAttempt() {
        DropPlan plan = drop(V18, FORCE, state(database(null), TWO));
        DropResult planned =
                plan.result(Rows.TARGET.database(), V18, true, plan.plan().statements(), Duration.ZERO);
        assertThat(planned.outcome()).isEqualTo(DropResult.Outcome.PLANNED);
        assertThat(planned.terminated()).isEqualTo(TWO);
        assertThat(planned.attempts()).isZero();
        DropPlan missing = drop(V18, FORCE, state(null, List.of()));
        assertThat(missing.result(Rows.TARGET.database(), V18, true, List.of(), Duration.ZERO)
                        .outcome())
                .isEqualTo(DropResult.Outcome.MISSING);
        DropResult done =
                plan.result(Rows.TARGET.database(), V18, false, plan.plan().statements(), Duration.ZERO);
        assertThat(done.outcome()).isEqualTo(DropResult.Outcome.DROPPED);
        assertThat(done.terminated()).as("nothing ran yet").isEmpty();
    }

    /**
     * A restore's swap as the drop plan sees it: the final steps a snapshot's planner builds, with the swap tried
     * before closing for a superuser.
     */
    private static DropPlanner.Swap swap(boolean superuser) {
        FinalStep aside = FinalStep.of("ALTER DATABASE \"chat\" RENAME TO \"chat_pgreset_old\"; ALTER DATABASE "
                + "\"chat_next\" RENAME TO \"chat\"");
        FinalStep.WhenNobodyOn unclosed = !superuser
                ? null
                : new FinalStep.WhenNobodyOn() {
                    @Override
                    public List<String> statements() {
                        return List.of("LOCK TABLE pg_catalog.pg_database IN ACCESS EXCLUSIVE MODE", "SELECT 1 / 0");
                    }

                    @Override
                    public boolean executeIfNobodyOn(
                            io.github.pgreset.core.connection.MaintenanceConnection connection) {
                        throw new AssertionError("planning runs nothing");
                    }
                };
        return new DropPlanner.Swap(aside, FinalStep.of("ALTER DATABASE \"chat_next\" RENAME TO \"chat\""), unclosed);
    }

    @Test
    void aSuperusersRestoreOfADatabaseNobodyIsOnSwapsFirstAndClosesOnlyIfSomebodyCame() {
        DropPlanner.Swap swap = swap(true);
        Step.Undo copyLeft =
                new Step.Undo("dropped the unfinished copy", "DROP DATABASE IF EXISTS \"chat_pgreset_next\"");
        for (ServerVersion version : List.of(V96, V12, V18)) {
            DropPlan idle = new DropPlanner(context(version), FORCE, QUIET)
                    .swap(state(database(null), List.of()), database(null), swap, copyLeft);
            assertThat(names(idle.plan())).containsExactly("swap");
            assertThat(idle.plan().statements())
                    .isEqualTo(swap.asideWhenNobodyOn().statements());
            assertThat(idle.plan().steps().get(0).purpose()).contains("which nobody is on", "blocking new connections");
            assertThat(idle.plan().steps().get(0).settles()).containsExactly(copyLeft);
            assertThat(idle.plan().steps().get(0).leaves()).isNull();

            DropPlan busy = new DropPlanner(context(version), FORCE, QUIET)
                    .swap(state(database(null), TWO), database(null), swap, copyLeft);
            assertThat(names(busy.plan())).containsExactly("close", "terminate", "swap");
        }
        DropPlan rename = new DropPlanner(context(V18), NOT_FORCED, QUIET)
                .swap(state(database(null), List.of()), database(null), swap, copyLeft);
        assertThat(rename.plan().statements())
                .as("pgreset.force=false: a plain swap")
                .isEqualTo(swap.aside().statements());
    }

    @Test
    void refusalsSayNothingWasTerminated() {
        assertThatThrownBy(() -> drop(V12, FORCE, state(new DatabaseRow(1, null, true, -1, false, "x", false), TWO)))
                .hasMessageContaining("Nothing was terminated");
    }

    @Test
    void whatNoTerminationClearsIsNamedBeforeAnythingIsClosed() {
        List<io.github.pgreset.core.catalog.Blocker> blockers = List.of(
                new io.github.pgreset.core.catalog.Blocker(true, "prepared transaction \"tx1\" (app)"),
                new io.github.pgreset.core.catalog.Blocker(false, "active replication slot \"s1\" (pgoutput)"));
        TargetState held = new TargetState(
                new CatalogRow(database(null), false, false, true), List.of(), List.of(), blockers, Map.of());
        for (ServerVersion version : List.of(V12, V18)) {
            PgResetException refused = refusal(version, FORCE, held);
            assertThat(refused.problem()).isEqualTo(Problem.DATABASE_IN_USE);
            assertThat(refused.getMessage())
                    .startsWith("Cannot drop database \"chat\" on localhost:5432: it is used by prepared transaction "
                            + "\"tx1\" (app), active replication slot \"s1\" (pgoutput), which terminating sessions "
                            + "cannot clear.");
        }
        PgResetException slotOnly = refusal(V18, new DropOptions(true, true, true), held);
        assertThat(slotOnly.getMessage())
                .as("rollbackPrepared rolls the prepared transaction back; the slot stays")
                .contains("active replication slot \"s1\"")
                .doesNotContain("tx1");
        TargetState preparedOnly = new TargetState(
                new CatalogRow(database(null), false, false, true),
                List.of(),
                List.of(new PreparedTransaction("tx1", "app")),
                List.of(blockers.get(0)),
                Map.of());
        assertThat(names(drop(V12, new DropOptions(true, true, true), preparedOnly)
                        .plan()))
                .containsExactly("rollback-prepared", "close", "terminate", "drop");
        assertThat(names(drop(V18, NOT_FORCED, state(database(null), List.of())).plan()))
                .containsExactly("drop");
    }
}
