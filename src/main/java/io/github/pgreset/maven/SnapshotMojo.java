package io.github.pgreset.maven;

import io.github.pgreset.core.GoalClock;
import io.github.pgreset.core.GoalReport;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.SnapshotResult;
import io.github.pgreset.maven.internal.Styled;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;

/**
 * Saves the database, typically right after the migrations, as its snapshot: a template copy, closed to connections,
 * that {@code restore} makes the database a fresh copy of. The sessions on the database are terminated for the copy
 * (PostgreSQL copies only a database nobody is connected to); connections are allowed again afterwards. A copy of the
 * snapshot is prepared at once, for the next restore to swap in. Declare it after the migration plugin in the same
 * phase.
 *
 * @since 0.1.0
 */
@Mojo(name = "snapshot", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true, requiresProject = false)
public class SnapshotMojo extends AbstractPgResetMojo {
    private static final DateTimeFormatter TAKEN_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * Name of the snapshot database; its prepared copy is called the same with {@code _next} appended.
     *
     * <p>Property: {@code pgreset.snapshotName}. Default: {@code <database>_snapshot}. Example:
     * {@code <snapshotName>chat_migrated</snapshotName>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.snapshotName")
    private String snapshotName;

    @Inject
    public SnapshotMojo(SettingsDecrypter decrypter, @Named("basic") ComponentConfigurator configurator) {
        super(decrypter, configurator);
    }

    @Override
    protected String goal() {
        return "snapshot";
    }

    @Override
    protected GoalReport run(ResetService service, GoalClock clock) {
        SnapshotResult result = service.snapshot(snapshotName);
        String location = service.target().connection().location();
        if (result.dryRun()) {
            getLog().info("[dry run] Would save database \"" + result.names().target() + "\" on " + location
                    + " as snapshot \"" + result.names().snapshot() + "\"" + sessionsToEnd(result.terminated()));
            logSessions("[dry run]   ", result.terminated());
            result.statements().forEach(sql -> getLog().info("[dry run]   " + sql + ";"));
            return GoalReport.of(service.target(), result, clock);
        }
        logSessions("Terminated ", result.terminated());
        getLog().info(Styled.success("Saved") + " database "
                + Styled.strong("\"" + result.names().target() + "\"")
                + " on " + location + " as snapshot \""
                + result.names().snapshot()
                + "\" in " + result.elapsed().toMillis() + " ms (copy "
                + result.copy().toMillis() + " ms"
                + (result.strategy() == null ? "" : ", STRATEGY " + result.strategy())
                + ")" + replaced(result.replaced()) + "; the next restore swaps in \""
                + result.names().prepared() + "\".");
        return GoalReport.of(service.target(), result, clock);
    }

    /** That an earlier snapshot of that name is gone now, and from when it was. */
    private static String replaced(SnapshotResult.Replaced replaced) {
        if (replaced == null) {
            return "";
        }
        return replaced.takenAt() == null
                ? ", replacing the earlier snapshot"
                : ", replacing the snapshot taken at "
                        + TAKEN_AT.format(replaced.takenAt().atZone(ZoneId.systemDefault()));
    }
}
