package io.github.pgreset.maven;

import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.report.GoalReport;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.core.snapshot.SnapshotResult;
import io.github.pgreset.maven.internal.BuildTestRuns;
import io.github.pgreset.maven.internal.NextCopyWhileBuilding;
import io.github.pgreset.maven.internal.ResultLog;
import io.github.pgreset.maven.internal.SnapshotParameters;
import java.io.File;
import java.util.List;
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
    /**
     * Name of the snapshot database; its prepared copy is called the same with {@code _next} appended.
     *
     * <p>Default: {@code <database>_snapshot}. Example:
     * {@code <snapshotName>chat_migrated</snapshotName>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.snapshotName")
    private String snapshotName;

    /**
     * How copies of the database are made on PostgreSQL 18+: {@code auto} clones them by the file system (FILE_COPY
     * with {@code file_copy_method = clone}, milliseconds whatever the size) when the server's data directory is on
     * this machine on a file system that clones (btrfs, XFS with reflink, APFS, ZFS with block cloning), and copies
     * them otherwise; {@code clone} always clones (a server elsewhere whose file system clones); {@code copy} never
     * does. Older servers copy.
     *
     * <p>Example: {@code
     * <fileCopyMethod>clone</fileCopyMethod>}.
     *
     * @since 0.2.0
     */
    @Parameter(property = "pgreset.fileCopyMethod", defaultValue = "auto")
    private String fileCopyMethod;

    /**
     * What the snapshot is made from, typically the migrations' folder: files and folders (relative paths are the
     * project's). {@code snapshot} records their fingerprint (the path and SHA-256 of every file under them) with the
     * snapshot, and keeps an existing snapshot as it is when the fingerprint has not changed; {@code restore} finds a
     * snapshot stale when there is none or its fingerprint differs, and does what {@code onStaleSnapshot} says.
     *
     * <p>Default: none (a snapshot is never stale). Example: {@code
     * <snapshotSources><snapshotSource>src/main/resources/db/migration</snapshotSource></snapshotSources>}.
     *
     * @since 0.2.0
     */
    @Parameter(property = "pgreset.snapshotSources")
    private List<File> snapshotSources;

    @Inject
    public SnapshotMojo(SettingsDecrypter decrypter, @Named("basic") ComponentConfigurator configurator) {
        super(decrypter, configurator);
    }

    @Override
    protected GoalReport run(ResetService service, ResultLog results) {
        // never a snapshot of what the project's tests wrote
        BuildTestRuns.refusal(session(), mojoExecution()).ifPresent(refusal -> {
            throw new PgResetException(Problem.CONFIGURATION, refusal);
        });
        SnapshotOptions options = snapshotOptions();
        SnapshotResult result = service.snapshot(options, false);
        if (!result.dryRun() && !result.upToDate()) {
            // the snapshot it replaced is dropped, and the copy the next restore swaps in made, while the tests run (a
            // snapshot kept as it was has its copy already, or gets it from the restore before it)
            NextCopyWhileBuilding.start(session(), getLog(), service, options, result.names(), timeout());
        }
        return results.snapshot(result);
    }

    private SnapshotOptions snapshotOptions() {
        return SnapshotParameters.options(snapshotName, fileCopyMethod, snapshotSources, buildRoot(), null);
    }
}
