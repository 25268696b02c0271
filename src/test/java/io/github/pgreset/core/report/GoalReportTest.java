package io.github.pgreset.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.ConnectionSettings;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.HostPort;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.DropMethod;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreateResult;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.TerminateResult;
import io.github.pgreset.core.snapshot.CopyMethod;
import io.github.pgreset.core.snapshot.RestoreResult;
import io.github.pgreset.core.snapshot.SnapshotNames;
import io.github.pgreset.core.snapshot.SnapshotResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the report says of each goal's result: what was dropped, created, ended, and the span of the work. */
class GoalReportTest {
    private static final ServerVersion V18 = ServerVersion.parse("18.1");
    private static final DatabaseName CHAT = new DatabaseName("chat");
    private static final Target TARGET = new Target(
            new ConnectionSettings(List.of(new HostPort("localhost", 5432)), "app", "secret", null, Map.of()), CHAT);
    private static final Session PSQL =
            new Session(7, "app", "psql", "127.0.0.1", "idle", null, null, null, null, false, true);
    private static final GoalClock CLOCK = GoalClock.start();
    private static final Duration WORK = Duration.ofMillis(42);

    private static DropResult drop(DropResult.Outcome outcome) {
        return new DropResult(CHAT, V18, outcome, DropMethod.FORCE, List.of(PSQL), List.of("DROP ..."), 1, WORK);
    }

    @Test
    void aDropSaysWhatItEndedAndTheSpanOfItsWork() {
        GoalReport dropped = GoalReport.of("drop", TARGET, drop(DropResult.Outcome.DROPPED), CLOCK);
        assertThat(dropped.outcome()).isEqualTo(GoalReport.Outcome.SUCCEEDED);
        assertThat(dropped.dropped()).isTrue();
        assertThat(dropped.created()).isFalse();
        assertThat(dropped.terminated()).isEqualTo(1);
        assertThat(dropped.method()).isEqualTo("DROP DATABASE ... WITH (FORCE)");
        assertThat(dropped.work()).isEqualTo(WORK);
        assertThat(dropped.server()).isEqualTo("localhost:5432");
        assertThat(dropped.user()).isEqualTo("app");
        assertThat(dropped.toString()).doesNotContain("secret");

        GoalReport planned = GoalReport.of("drop", TARGET, drop(DropResult.Outcome.PLANNED), CLOCK);
        assertThat(planned.dryRun()).isTrue();
        assertThat(planned.dropped()).isFalse();
        assertThat(planned.terminated()).as("a dry run ends nobody").isZero();
        assertThat(planned.sessions()).containsExactly(PSQL);
        assertThat(planned.work()).isNotEqualTo(WORK);

        GoalReport missing = GoalReport.of("drop", TARGET, drop(DropResult.Outcome.MISSING), CLOCK);
        assertThat(missing.method()).isNull();
        assertThat(missing.dropped()).isFalse();
    }

    @Test
    void aRecreateAddsItsCreate() {
        RecreateResult result =
                new RecreateResult(drop(DropResult.Outcome.DROPPED), "CREATE DATABASE \"chat\"", false, WORK);
        GoalReport report = GoalReport.of("recreate", TARGET, result, CLOCK);
        assertThat(report.created()).isTrue();
        assertThat(report.statements()).containsExactly("DROP ...", "CREATE DATABASE \"chat\"");
        assertThat(report.work()).isEqualTo(WORK);
        GoalReport dry = GoalReport.of(
                "recreate",
                TARGET,
                new RecreateResult(drop(DropResult.Outcome.PLANNED), "CREATE DATABASE \"chat\"", true, WORK),
                CLOCK);
        assertThat(dry.created()).isFalse();
        assertThat(dry.dryRun()).isTrue();
    }

    @Test
    void terminateAndSessions() {
        GoalReport ended =
                GoalReport.of("terminate", TARGET, new TerminateResult(CHAT, V18, List.of(PSQL), false, WORK), CLOCK);
        assertThat(ended.terminated()).isEqualTo(1);
        assertThat(ended.work()).isEqualTo(WORK);
        GoalReport planned =
                GoalReport.of("terminate", TARGET, new TerminateResult(CHAT, V18, List.of(PSQL), true, WORK), CLOCK);
        assertThat(planned.terminated()).isZero();
        assertThat(planned.work()).isNotEqualTo(WORK);
        GoalReport listed =
                GoalReport.of("sessions", TARGET, new SessionReport(CHAT, V18, List.of(PSQL), false, false), CLOCK);
        assertThat(listed.sessions()).containsExactly(PSQL);
        assertThat(listed.terminated()).isZero();
        assertThat(listed.dryRun()).isFalse();
    }

    @Test
    void snapshotAndRestoreSayHowTheyCopied() {
        SnapshotNames names = SnapshotNames.of(CHAT, null);
        CopyMethod copy = new CopyMethod(null, null, "PostgreSQL 12 has one way to copy");
        SnapshotResult taken = new SnapshotResult(
                names, V18, List.of(PSQL), copy, WORK, WORK, List.of("CREATE ..."), null, false, false);
        GoalReport snapshot = GoalReport.of("snapshot", TARGET, taken, CLOCK);
        assertThat(snapshot.created()).isTrue();
        assertThat(snapshot.method()).startsWith("CREATE DATABASE ... TEMPLATE, ");
        assertThat(snapshot.work()).isEqualTo(WORK);
        GoalReport upToDate = GoalReport.of(
                "snapshot",
                TARGET,
                new SnapshotResult(names, V18, List.of(), null, Duration.ZERO, WORK, List.of(), null, false, true),
                CLOCK);
        assertThat(upToDate.method()).isEqualTo("kept: made from the same sources");
        assertThat(upToDate.created()).isFalse();

        RestoreResult swapped =
                new RestoreResult(names, V18, true, List.of(PSQL), null, WORK, List.of("ALTER ..."), false, null);
        GoalReport restore = GoalReport.of("restore", TARGET, swapped, CLOCK);
        assertThat(restore.method()).isEqualTo("prepared copy renamed into place");
        assertThat(restore.dropped()).isTrue();
        assertThat(restore.created()).isTrue();
        assertThat(restore.work()).isEqualTo(WORK);
        RestoreResult cloned = new RestoreResult(names, V18, false, List.of(), copy, WORK, List.of(), true, null);
        GoalReport dry = GoalReport.of("restore", TARGET, cloned, CLOCK);
        assertThat(dry.method()).startsWith("snapshot ");
        assertThat(dry.dropped()).isFalse();
        assertThat(dry.created()).isFalse();

        RecreateResult recreated =
                new RecreateResult(drop(DropResult.Outcome.MISSING), "CREATE DATABASE \"chat\"", false, WORK);
        RestoreResult stale = new RestoreResult(
                names,
                V18,
                false,
                List.of(),
                null,
                Duration.ofSeconds(1),
                List.of(),
                false,
                new RestoreResult.Stale("there is no snapshot \"chat_snapshot\" yet", recreated));
        GoalReport instead = GoalReport.of("restore", TARGET, stale, CLOCK);
        assertThat(instead.method())
                .isEqualTo(
                        "recreated empty (pgreset.onStaleSnapshot=recreate): there is no snapshot \"chat_snapshot\" yet");
        assertThat(instead.dropped()).as("there was nothing to drop").isFalse();
        assertThat(instead.work()).isEqualTo(WORK);
    }

    @Test
    void aFailureKeepsWhereItHappened() {
        GoalReport failed = GoalReport.failed("drop", TARGET, "Refusing", CLOCK);
        assertThat(failed.outcome()).isEqualTo(GoalReport.Outcome.FAILED);
        assertThat(failed.database()).isEqualTo("chat");
        assertThat(failed.error()).isEqualTo("Refusing");
        GoalReport nowhere = GoalReport.failed("drop", null, "no URL", CLOCK);
        assertThat(nowhere.database()).isNull();
        assertThat(nowhere.server()).isNull();
        assertThat(nowhere.user()).isNull();
    }
}
