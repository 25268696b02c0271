package io.github.pgreset.maven;

import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.ServerProperties;
import io.github.pgreset.core.report.GoalReport;
import io.github.pgreset.core.snapshot.RestoreResult;
import io.github.pgreset.core.snapshot.SnapshotOptions;
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
 * Makes the database a fresh copy of its snapshot (see {@code snapshot}), handling the sessions on it as {@code drop}
 * does. With a prepared copy of the snapshot, the database is renamed out of the way and the copy renamed into its
 * place, which takes milliseconds whatever the size; the old database is then dropped and the next copy prepared in
 * the background while the build goes on, finished before Maven prints the build's result. Without a prepared copy, the
 * snapshot is first cloned into one (on PostgreSQL 15+ with the faster STRATEGY for its size) while the database is still
 * served. Moving the database aside and swapping the copy in commit in one transaction; connected as a superuser, which
 * may lock {@code pg_database} for it, no client finds the name missing in between, and with another role a client
 * that looks the name up at that moment may be told it does not exist.
 *
 * @since 0.1.0
 */
@Mojo(name = "restore", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true, requiresProject = false)
public class RestoreMojo extends AbstractDropMojo {
    /**
     * Name of the snapshot database to restore from; its prepared copy is called the same with {@code _next} appended.
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

    /**
     * What {@code restore} does when {@code snapshotSources} are given and the snapshot is missing or was made from
     * other sources: {@code recreate} recreates the database empty, as {@code recreate} does but owned by whom the
     * database it replaces belonged to, and says why, so that the migrations after it rebuild the database and {@code
     * snapshot} saves it; {@code fail} fails the build with that reason.
     *
     * <p>Example: {@code <onStaleSnapshot>fail</onStaleSnapshot>}.
     *
     * @since 0.2.0
     */
    @Parameter(property = "pgreset.onStaleSnapshot", defaultValue = "recreate")
    private String onStaleSnapshot;

    /** Whether every database this execution restored was restored from a snapshot of the current sources. */
    private boolean allMigrated = true;

    @Inject
    public RestoreMojo(SettingsDecrypter decrypter, @Named("basic") ComponentConfigurator configurator) {
        super(decrypter, configurator);
    }

    @Override
    protected GoalReport run(ResetService service, ResultLog results) {
        SnapshotOptions options = snapshotOptions();
        RestoreResult result = service.restore(dropOptions(), options);
        GoalReport report = results.restored(result);
        if (!result.dryRun()) {
            // restored from a snapshot of the current sources: the database is migrated already
            skipMigrations(options.sources() != null && result.stale() == null);
            if (result.stale() == null) {
                NextCopyWhileBuilding.start(session(), getLog(), service, options, result.names(), timeout());
            }
        }
        return report;
    }

    /** Skipped, no database is prepared in this build: the migration that would follow is skipped with it. */
    @Override
    protected void skipped() {
        skipMigrations(true);
    }

    /**
     * Sets {@code pgreset.skipMigrations} for the rest of the build; with several databases (restored at once), true
     * only when each of them was restored from a snapshot of the current sources.
     */
    private synchronized void skipMigrations(boolean migrated) {
        allMigrated &= migrated;
        if (session() != null && session().getCurrentProject() != null) {
            session()
                    .getCurrentProject()
                    .getProperties()
                    .setProperty(ServerProperties.SKIP_MIGRATIONS, String.valueOf(allMigrated));
        }
    }

    private SnapshotOptions snapshotOptions() {
        return SnapshotParameters.options(snapshotName, fileCopyMethod, snapshotSources, buildRoot(), onStaleSnapshot);
    }
}
