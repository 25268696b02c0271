package io.github.pgreset.maven.internal;

import io.github.pgreset.core.connection.Sentences;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreateResult;
import io.github.pgreset.core.report.GoalClock;
import io.github.pgreset.core.report.GoalReport;
import io.github.pgreset.core.report.SessionReport;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.SessionGroup;
import io.github.pgreset.core.session.SessionTable;
import io.github.pgreset.core.session.TerminateResult;
import io.github.pgreset.core.snapshot.RestoreResult;
import io.github.pgreset.core.snapshot.SnapshotResult;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * The one place where a goal's result becomes log lines: each method logs what the goal did (in a dry run: would do)
 * and returns the report of it, so that the log and the JSON report are made from the same result.
 */
public final class ResultLog {
    private static final DateTimeFormatter TAKEN_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Log log;
    private final String goal;
    private final Target target;
    private final GoalClock clock;

    public ResultLog(Log log, String goal, Target target, GoalClock clock) {
        this.log = log;
        this.goal = goal;
        this.target = target;
        this.clock = clock;
    }

    public GoalReport sessions(SessionReport report) {
        if (report.invalid()) {
            log.warn("Database \"" + report.database() + "\" on " + location()
                    + " is invalid: an interrupted DROP DATABASE left it behind, and nobody can connect to it. "
                    + "pgreset:drop or pgreset:recreate removes it.");
        }
        if (report.closedByPgreset()) {
            log.warn("Database \"" + report.database() + "\" on " + location() + " refuses connections: a pgreset goal"
                    + " that was killed closed it and could not reopen it. The next restore, snapshot, drop or recreate on"
                    + " it reopens it first.");
        }
        if (!report.sessions().isEmpty()) {
            List<String> table = SessionTable.render(report.sessions(), OffsetDateTime.now());
            log.info(Styled.strong(table.get(0)));
            table.subList(1, table.size()).forEach(log::info);
        }
        log.info(Styled.strong(SessionTable.summary(report.database(), report.sessions())) + " (" + location()
                + ", PostgreSQL " + report.serverVersion() + ")");
        return GoalReport.of(goal, target, report, clock);
    }

    public GoalReport terminated(TerminateResult result) {
        String where = "\"" + result.database() + "\" on " + location();
        if (result.terminated().isEmpty()) {
            log.info("No sessions to terminate on " + where + ".");
        } else {
            log.info((result.dryRun() ? "[dry run] Would terminate " : Styled.warning("Terminated") + " ")
                    + Styled.strong(Sentences.count(result.terminated().size(), "session"))
                    + " on " + where
                    + (result.dryRun() ? ":" : " in " + result.elapsed().toMillis() + " ms:"));
            sessions("  ", result.terminated());
        }
        return GoalReport.of(goal, target, result, clock);
    }

    public GoalReport dropped(DropResult drop) {
        drop(drop);
        if (drop.outcome() == DropResult.Outcome.DROPPED) {
            log.info(Styled.success("Dropped") + " database " + Styled.strong("\"" + drop.database() + "\"")
                    + " on " + location() + " in " + drop.elapsed().toMillis() + " ms (" + drop.method() + ", "
                    + terminatedCount(drop.terminated()) + ").");
        }
        return GoalReport.of(goal, target, drop, clock);
    }

    public GoalReport recreated(RecreateResult result) {
        DropResult drop = result.drop();
        // a database that did not exist is said once, by the result line ("it did not exist")
        if (result.dryRun() || drop.outcome() != DropResult.Outcome.MISSING) {
            drop(drop);
        }
        if (result.dryRun()) {
            log.info("[dry run] Would create it again: " + result.createStatement() + ";");
        } else {
            log.info(Styled.success("Recreated") + " database " + Styled.strong("\"" + drop.database() + "\"")
                    + " on " + location() + " in " + result.elapsed().toMillis() + " ms ("
                    + (drop.outcome() == DropResult.Outcome.MISSING
                            ? "it did not exist"
                            : drop.method() + ", " + terminatedCount(drop.terminated()))
                    + ").");
        }
        return GoalReport.of(goal, target, result, clock);
    }

    public GoalReport snapshot(SnapshotResult result) {
        if (result.upToDate()) {
            log.info((result.dryRun() ? "[dry run] " : "") + "Snapshot "
                    + Styled.strong("\"" + result.names().snapshot() + "\"") + " of database \""
                    + result.names().target() + "\" on " + location() + " is up to date: "
                    + "its sources have not changed since it was taken; nothing to do.");
        } else if (result.dryRun()) {
            plan(
                    "Would save database \"" + result.names().target() + "\" on " + location() + " as snapshot \""
                            + result.names().snapshot() + "\"",
                    result.terminated(),
                    result.statements());
        } else {
            sessions("Terminated ", result.terminated());
            log.info(Styled.success("Saved") + " database "
                    + Styled.strong("\"" + result.names().target() + "\"")
                    + " on " + location() + " as snapshot \"" + result.names().snapshot() + "\" in "
                    + result.elapsed().toMillis() + " ms (the copy "
                    + result.copy().toMillis() + " ms, "
                    + result.copyMethod().describe() + ")"
                    + replaced(result.replaced(), result.names().target().value())
                    + "; the next restore swaps in \""
                    + result.names().prepared() + "\".");
        }
        return GoalReport.of(goal, target, result, clock);
    }

    public GoalReport restored(RestoreResult result) {
        if (result.stale() != null) {
            // why it was not restored was said before the database was dropped
            recreated(result.stale().recreated());
            return GoalReport.of(goal, target, result, clock);
        }
        if (result.dryRun()) {
            plan(
                    "Would restore \"" + result.names().target() + "\" on " + location() + " from \""
                            + result.names().snapshot() + "\"",
                    result.terminated(),
                    result.statements());
        } else {
            sessions("Terminated ", result.terminated());
            log.info(Styled.success("Restored") + " database "
                    + Styled.strong("\"" + result.names().target() + "\"")
                    + " on " + location() + " from \"" + result.names().snapshot() + "\" in "
                    + result.elapsed().toMillis() + " ms ("
                    + (result.swapped()
                            ? "prepared copy swapped in, " + terminatedCount(result.terminated())
                            : terminatedCount(result.terminated()) + ", snapshot "
                                    + result.copyMethod().describe())
                    + ").");
        }
        return GoalReport.of(goal, target, result, clock);
    }

    /** What a drop did or, in a dry run, would do. */
    private void drop(DropResult drop) {
        String where = "\"" + drop.database() + "\" on " + location();
        switch (drop.outcome()) {
            case MISSING -> log.info("Database " + where + " does not exist; nothing to drop.");
            case PLANNED ->
                plan(
                        "Would drop database " + where + " (PostgreSQL " + drop.serverVersion() + ", " + drop.method()
                                + ")",
                        drop.terminated(),
                        drop.statements());
            case DROPPED -> {
                sessions("Terminated ", drop.terminated());
                log.debug("Dropped " + where + " with " + drop.method() + " in " + drop.attempts() + " attempt(s).");
            }
        }
    }

    /** A dry run's plan: what it would do, the sessions it would end, the statements it would send. */
    private void plan(String would, List<Session> sessions, List<String> statements) {
        log.info("[dry run] " + would
                + (sessions.isEmpty()
                        ? "; no sessions to terminate:"
                        : ", terminating " + Sentences.count(sessions.size(), "session") + ":"));
        sessions("[dry run]   ", sessions);
        statements.forEach(sql -> log.info("[dry run]   " + sql + ";"));
    }

    /**
     * The sessions a goal ended or would end, one line per client ({@code lead} first): a pool's ten connections are
     * one line with their pids, counted only when there are several clients (the result line counts them all). The
     * debug log has one line per session.
     */
    private void sessions(String lead, List<Session> sessions) {
        List<SessionGroup> groups = SessionGroup.of(sessions);
        for (SessionGroup group : groups) {
            // one client: its count is the goal's, which the result line says
            log.info(lead + (groups.size() == 1 ? group.describeWithoutCount() : group.describe()));
        }
        for (Session session : sessions) {
            log.debug("  " + session.describe() + ", " + session.state() + ", connected since " + session.backendStart()
                    + (session.query() == null ? "" : ", last query: " + session.query()));
        }
    }

    /** "3 sessions terminated", "1 session terminated". */
    private static String terminatedCount(List<Session> sessions) {
        return Sentences.count(sessions.size(), "session") + " terminated";
    }

    /**
     * That an earlier snapshot of that name is gone now, from when it was, and of which database when that was
     * another: two projects or recipes that share a snapshot's name replace each other's.
     */
    private static String replaced(SnapshotResult.Replaced replaced, String target) {
        if (replaced == null) {
            return "";
        }
        String of = replaced.of() == null || replaced.of().equals(target)
                ? "the snapshot"
                : "the snapshot of another database, \"" + replaced.of() + "\",";
        return replaced.takenAt() == null
                ? ", replacing " + (replaced.of() == null || replaced.of().equals(target) ? "the earlier snapshot" : of)
                : ", replacing " + of + " taken at "
                        + TAKEN_AT.format(replaced.takenAt().atZone(ZoneId.systemDefault()));
    }

    private String location() {
        return target.connection().location();
    }
}
