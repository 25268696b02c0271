package io.github.pgreset.core.report;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreateResult;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.TerminateResult;
import io.github.pgreset.core.snapshot.RestoreResult;
import io.github.pgreset.core.snapshot.SnapshotResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one goal saw and did, for the machine-readable report ({@link JsonReport}): where it connected (never the
 * password), the server's version, the sessions it listed or ended, whether the database was dropped and created,
 * how, and how long it took.
 *
 * @param goal the goal's name: sessions, terminate, drop or recreate
 * @param outcome how the goal ended
 * @param database the target database, {@code null} when the settings could not be read
 * @param server where the plugin connected ({@code host:port}), {@code null} as for database
 * @param user the role the plugin connected as
 * @param serverVersion the server's version, {@code null} when the goal failed before learning it
 * @param dryRun whether nothing was to be changed
 * @param sessions the sessions on the database the goal saw (for terminate, drop and recreate: those it ended)
 * @param terminated how many of them were terminated (0 in a dry run, where {@code sessions} are those that would be)
 * @param dropped whether the database was dropped
 * @param created whether the database was created
 * @param method how the sessions were dealt with and the database dropped, e.g. {@code DROP DATABASE ... WITH
 *     (FORCE)}; {@code null} when nothing was dropped
 * @param statements the DDL sent (in a dry run: that would be sent)
 * @param startedAt when the goal started
 * @param elapsed how long the goal took, connecting included
 * @param work the span the goal's result line gives ("Recreated ... in 61 ms"): the work itself, without connecting;
 *     the same as {@code elapsed} for a goal that lists or failed
 * @param error the failure's message, {@code null} unless the outcome is {@link Outcome#FAILED}
 */
public record GoalReport(
        String goal,
        Outcome outcome,
        String database,
        String server,
        String user,
        ServerVersion serverVersion,
        boolean dryRun,
        List<Session> sessions,
        int terminated,
        boolean dropped,
        boolean created,
        String method,
        List<String> statements,
        Instant startedAt,
        Duration elapsed,
        Duration work,
        String error) {

    public enum Outcome {
        SUCCEEDED,
        FAILED
    }

    public GoalReport {
        sessions = List.copyOf(sessions);
        statements = List.copyOf(statements);
    }

    /** The same report with the span its result line gives. */
    private GoalReport withWork(Duration work) {
        return new GoalReport(
                goal,
                outcome,
                database,
                server,
                user,
                serverVersion,
                dryRun,
                sessions,
                terminated,
                dropped,
                created,
                method,
                statements,
                startedAt,
                elapsed,
                work,
                error);
    }

    public static GoalReport of(String goal, Target target, SessionReport report, GoalClock clock) {
        return succeeded(
                goal,
                target,
                report.database(),
                report.serverVersion(),
                false,
                report.sessions(),
                0,
                false,
                false,
                null,
                List.of(),
                clock);
    }

    public static GoalReport of(String goal, Target target, TerminateResult result, GoalClock clock) {
        GoalReport report = terminateReport(goal, target, result, clock);
        return result.dryRun() ? report : report.withWork(result.elapsed());
    }

    private static GoalReport terminateReport(String goal, Target target, TerminateResult result, GoalClock clock) {
        return succeeded(
                goal,
                target,
                result.database(),
                result.serverVersion(),
                result.dryRun(),
                result.terminated(),
                result.terminated().size(),
                false,
                false,
                null,
                List.of(),
                clock);
    }

    public static GoalReport of(String goal, Target target, DropResult drop, GoalClock clock) {
        GoalReport report = dropReport(goal, target, drop, false, List.of(), clock);
        return drop.outcome() == DropResult.Outcome.DROPPED ? report.withWork(drop.elapsed()) : report;
    }

    public static GoalReport of(String goal, Target target, RecreateResult result, GoalClock clock) {
        GoalReport report =
                dropReport(goal, target, result.drop(), !result.dryRun(), List.of(result.createStatement()), clock);
        return result.dryRun() ? report : report.withWork(result.elapsed());
    }

    public static GoalReport of(String goal, Target target, SnapshotResult result, GoalClock clock) {
        GoalReport report = snapshotReport(goal, target, result, clock);
        return result.dryRun() || result.upToDate() ? report : report.withWork(result.elapsed());
    }

    private static GoalReport snapshotReport(String goal, Target target, SnapshotResult result, GoalClock clock) {
        return succeeded(
                goal,
                target,
                result.names().target(),
                result.serverVersion(),
                result.dryRun(),
                result.terminated(),
                result.terminated().size(),
                false,
                !result.dryRun() && !result.upToDate(),
                result.upToDate()
                        ? "kept: made from the same sources"
                        : "CREATE DATABASE ... TEMPLATE, " + result.copyMethod().describe(),
                result.statements(),
                clock);
    }

    public static GoalReport of(String goal, Target target, RestoreResult result, GoalClock clock) {
        GoalReport report = restoreReport(goal, target, result, clock);
        if (result.dryRun()) {
            return report;
        }
        return report.withWork(
                result.stale() != null ? result.stale().recreated().elapsed() : result.elapsed());
    }

    private static GoalReport restoreReport(String goal, Target target, RestoreResult result, GoalClock clock) {
        return succeeded(
                goal,
                target,
                result.names().target(),
                result.serverVersion(),
                result.dryRun(),
                result.terminated(),
                result.terminated().size(),
                result.stale() != null
                        ? result.stale().recreated().drop().outcome() == DropResult.Outcome.DROPPED
                        : !result.dryRun(),
                !result.dryRun(),
                result.stale() != null
                        ? "recreated empty (pgreset.onStaleSnapshot=recreate): "
                                + result.stale().reason()
                        : result.swapped()
                                ? "prepared copy renamed into place"
                                : "snapshot " + result.copyMethod().describe(),
                result.statements(),
                clock);
    }

    /** A goal that failed; {@code target} is {@code null} when the settings themselves were refused. */
    public static GoalReport failed(String goal, Target target, String error, GoalClock clock) {
        return new GoalReport(
                goal,
                Outcome.FAILED,
                target == null ? null : target.database().value(),
                target == null ? null : target.connection().location(),
                target == null ? null : target.connection().user(),
                null,
                false,
                List.of(),
                0,
                false,
                false,
                null,
                List.of(),
                clock.startedAt(),
                clock.elapsed(),
                clock.elapsed(),
                error);
    }

    private static GoalReport dropReport(
            String goal,
            Target target,
            DropResult drop,
            boolean created,
            List<String> createStatements,
            GoalClock clock) {
        List<String> statements = new java.util.ArrayList<>(drop.statements());
        statements.addAll(createStatements);
        return succeeded(
                goal,
                target,
                drop.database(),
                drop.serverVersion(),
                drop.outcome() == DropResult.Outcome.PLANNED,
                drop.terminated(),
                drop.terminated().size(),
                drop.outcome() == DropResult.Outcome.DROPPED,
                created,
                drop.outcome() == DropResult.Outcome.MISSING
                        ? null
                        : drop.method().toString(),
                statements,
                clock);
    }

    /** What every succeeded report shares: where the plugin connected (never the password) and when. */
    private static GoalReport succeeded(
            String goal,
            Target target,
            DatabaseName database,
            ServerVersion serverVersion,
            boolean dryRun,
            List<Session> sessions,
            int terminated,
            boolean dropped,
            boolean created,
            String method,
            List<String> statements,
            GoalClock clock) {
        return new GoalReport(
                goal,
                Outcome.SUCCEEDED,
                database.value(),
                target.connection().location(),
                target.connection().user(),
                serverVersion,
                dryRun,
                sessions,
                dryRun ? 0 : terminated,
                dropped,
                created,
                method,
                statements,
                clock.startedAt(),
                clock.elapsed(),
                clock.elapsed(),
                null);
    }
}
