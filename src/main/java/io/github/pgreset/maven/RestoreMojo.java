package io.github.pgreset.maven;

import io.github.pgreset.core.GoalClock;
import io.github.pgreset.core.GoalReport;
import io.github.pgreset.core.NextCopy;
import io.github.pgreset.core.PgResetException;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.RestoreResult;
import io.github.pgreset.maven.internal.Styled;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Makes the database a fresh copy of its snapshot (see {@code snapshot}), handling the sessions on it as {@code drop}
 * does. With a prepared copy of the snapshot, the database is renamed out of the way and the copy renamed into its
 * place, which takes milliseconds whatever the size; the old database is then dropped and the next copy prepared in
 * the background while the build goes on, and Maven waits for that before it exits. Without one, the snapshot is cloned (on PostgreSQL 15+ with the faster STRATEGY for
 * its size).
 *
 * @since 0.1.0
 */
@Mojo(name = "restore", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true, requiresProject = false)
public class RestoreMojo extends AbstractDropMojo {

    /**
     * Name of the snapshot database to restore from; its prepared copy is called the same with {@code _next} appended.
     *
     * <p>Property: {@code pgreset.snapshotName}. Default: {@code <database>_snapshot}. Example:
     * {@code <snapshotName>chat_migrated</snapshotName>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.snapshotName")
    private String snapshotName;

    @Inject
    public RestoreMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "restore";
    }

    @Override
    protected GoalReport run(ResetService service, GoalClock clock) {
        RestoreResult result = service.restore(dropOptions(), snapshotName);
        String location = service.target().connection().location();
        if (result.dryRun()) {
            getLog().info("[dry run] Would restore \"" + result.names().target() + "\" on " + location + " from \""
                    + result.names().snapshot() + "\":");
            result.statements().forEach(sql -> getLog().info("[dry run]   " + sql + ";"));
            return GoalReport.of(service.target(), result, clock);
        }
        result.terminated().forEach(s -> getLog().info("Terminated " + s.describe()));
        getLog().info(Styled.success("Restored") + " database "
                + Styled.strong("\"" + result.names().target() + "\"")
                + " on " + location + " from \"" + result.names().snapshot() + "\" in "
                + result.elapsed().toMillis() + " ms ("
                + (result.swapped()
                        ? "prepared copy swapped in"
                        : "cloned" + (result.strategy() == null ? "" : " with STRATEGY " + result.strategy()))
                + ", " + result.terminated().size() + " session(s) terminated).");
        prepareNextCopy(service);
        return GoalReport.of(service.target(), result, clock);
    }

    /** The next copy is made while the build goes on; the JVM waits for it (up to pgreset.timeout) before exiting. */
    private void prepareNextCopy(ResetService service) {
        NextCopy next = NextCopy.start(service, snapshotName);
        Duration max = timeout().multipliedBy(4);
        getLog().debug("Preparing the next copy of the snapshot in the background.");
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                next.await(max);
                            } catch (PgResetException e) {
                                System.err.println("[pgreset] " + e.getMessage());
                            }
                        },
                        "pgreset-await-next-copy"));
    }
}
