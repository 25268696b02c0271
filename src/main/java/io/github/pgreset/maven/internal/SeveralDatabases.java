package io.github.pgreset.maven.internal;

import io.github.pgreset.core.EachDatabase;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.ResetSettings;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.Sentences;
import io.github.pgreset.core.report.GoalClock;
import io.github.pgreset.core.report.GoalReport;
import io.github.pgreset.core.report.JsonReport;
import java.io.File;
import java.util.List;
import java.util.function.Function;
import org.apache.maven.plugin.logging.Log;

/** A goal on each database of pgreset.databases: the results logged and reported, the failures said together. */
public final class SeveralDatabases {
    /** What fails the build: every database that failed, and the problem that decides how Maven reports it. */
    public record Failure(String message, Problem problem) {}

    private SeveralDatabases() {}

    /**
     * pgreset.databases: the goal on each database at once (a few at a time), each reported; the failures, all of
     * them, fail the build together.
     */
    public static Failure run(
            Log log,
            String goal,
            ResetSettings base,
            List<DatabaseName> databases,
            GoalClock clock,
            File reportFile,
            Function<ResetService, GoalReport> goalOnOne) {
        List<EachDatabase.Outcome<GoalReport>> outcomes =
                EachDatabase.run(base, databases, new MavenProgress(log), goalOnOne::apply);
        List<GoalReport> reports = outcomes.stream()
                .map(o -> o.failure() == null
                        ? o.result()
                        : GoalReport.failed(
                                goal,
                                base.forDatabase(o.database()).target(),
                                o.failure().getMessage(),
                                clock))
                .toList();
        if (reportFile != null) {
            try {
                JsonReport.write(reports, reportFile.toPath());
            } catch (PgResetException e) {
                log.warn(e.getMessage());
            }
        }
        List<EachDatabase.Outcome<GoalReport>> failed =
                outcomes.stream().filter(o -> o.failure() != null).toList();
        log.info("pgreset:" + goal + " on " + Sentences.count(databases.size(), "database") + " in "
                + clock.elapsed().toMillis() + " ms: " + (databases.size() - failed.size()) + " succeeded, "
                + failed.size() + " failed.");
        if (failed.isEmpty()) {
            return null;
        }
        StringBuilder message = new StringBuilder()
                .append(failed.size())
                .append(" of ")
                .append(Sentences.count(databases.size(), "database"))
                .append(" failed:");
        for (EachDatabase.Outcome<GoalReport> o : failed) {
            log.debug(o.failure());
            message.append("\n  - \"")
                    .append(o.database())
                    .append("\": ")
                    .append(o.failure().getMessage());
        }
        Problem worst = failed.stream().anyMatch(o -> o.failure().problem() == Problem.SERVER_ERROR)
                ? Problem.SERVER_ERROR
                : failed.get(0).failure().problem();
        return new Failure(message.toString(), worst);
    }
}
