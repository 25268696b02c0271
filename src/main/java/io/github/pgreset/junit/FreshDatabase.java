package io.github.pgreset.junit;

import io.github.pgreset.core.NextCopy;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.ResetSettings;
import io.github.pgreset.core.catalog.SourceFingerprint;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SafetyRules;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.server.LocalServer;
import io.github.pgreset.core.snapshot.FileCopyMethod;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The database of the tests of one JVM: claimed for this JVM (a second JVM running tests at once gets the next name),
 * and made fresh on demand from the snapshot of its migrations.
 */
final class FreshDatabase implements AutoCloseable {
    /** The advisory locks' first key, "pgrt": a JVM's claim on a database name, and the making of a snapshot. */
    private static final int KEY = 0x70677274;

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int MOST_JVMS = 64;

    private final LocalServer server;
    private final DatabaseName name;
    private final MaintenanceConnection claim;
    private final ResetService service;
    /** What the snapshot is made from and where it goes; {@code null} without migrations. */
    private final SnapshotOptions snapshot;

    private final List<Path> migrations;
    private final ProgressListener progress;
    private NextCopy nextCopy;
    /** The session the next copies are made on, opened by the first; only the copy's thread uses it, one at a time. */
    private volatile MaintenanceConnection copySession;

    private FreshDatabase(
            LocalServer server,
            DatabaseName name,
            MaintenanceConnection claim,
            SnapshotOptions snapshot,
            List<Path> migrations,
            ProgressListener progress) {
        this.server = server;
        this.name = name;
        this.claim = claim;
        this.snapshot = snapshot;
        this.migrations = migrations;
        this.progress = progress;
        this.service = new ResetService(
                new ResetSettings(target(server, name), TIMEOUT, false, new SafetyRules(false, Set.of())), progress);
    }

    /**
     * The database {@code base} for this JVM, or {@code base_2} and on when another JVM has it; {@code migrations}
     * (existing folders) are recorded by their paths under {@code buildRoot}, as the Maven goals record them.
     */
    static FreshDatabase claim(
            LocalServer server, String base, List<Path> migrations, Path buildRoot, ProgressListener progress) {
        DatabaseName first = DatabaseName.fitted(base);
        MaintenanceConnection connection = MaintenanceConnection.open(
                target(server, new DatabaseName("postgres")), Deadline.after(TIMEOUT), progress);
        try {
            for (int n = 1; n <= MOST_JVMS; n++) {
                DatabaseName candidate = n == 1 ? first : first.derived("_" + n);
                boolean mine = connection
                        .query(
                                "SELECT pg_try_advisory_lock(" + KEY + ", hashtext(?))",
                                List.of(candidate.value()),
                                rs -> rs.getBoolean(1))
                        .get(0);
                if (mine) {
                    SnapshotOptions snapshot = migrations.isEmpty()
                            ? null
                            : new SnapshotOptions(
                                    first.derived("_snapshot").value(),
                                    FileCopyMethod.AUTO,
                                    SourceFingerprint.of(buildRoot, migrations),
                                    SnapshotOptions.OnStale.RECREATE);
                    return new FreshDatabase(server, candidate, connection, snapshot, migrations, progress);
                }
            }
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        throw new PgResetException(
                io.github.pgreset.core.connection.Problem.CONFIGURATION,
                MOST_JVMS + " JVMs hold a database of the name " + first + " on " + server.url("postgres")
                        + " at once: give the tests another @PgReset(database = ...).");
    }

    DatabaseName name() {
        return name;
    }

    String url() {
        return server.url(name.value());
    }

    /**
     * Makes the database fresh: the snapshot restored (its copy prepared meanwhile swapped in), or, where there is no
     * snapshot of the current migrations, the database recreated, migrated and saved as the snapshot, one JVM at a
     * time; without migrations, recreated empty. The copy for the next time is prepared on a thread of its own.
     */
    void reset() {
        finishNextCopy();
        if (snapshot == null) {
            service.recreate(DropOptions.defaults(), CreateOptions.defaults());
            return;
        }
        try (MaintenanceConnection session = claim.lease(Deadline.after(TIMEOUT))) {
            // on the JVM's own session: a login per class would cost more than the swap
            if (service.restore(session, DropOptions.defaults(), snapshot).stale() != null) {
                makeSnapshot(session);
            }
        }
        nextCopy = NextCopy.startOn(this::copySession, service, snapshot);
    }

    private MaintenanceConnection copySession() {
        if (copySession == null) {
            copySession = service.openSession();
        }
        return copySession;
    }

    /**
     * Migrates the database, recreated empty by a restore that found the snapshot stale, and saves it as the snapshot:
     * one JVM at a time. A JVM that finds another making it waits, then restores what that one made.
     */
    private void makeSnapshot(MaintenanceConnection session) {
        String key = snapshot.snapshotName();
        boolean first = session.query(
                        "SELECT pg_try_advisory_lock(" + KEY + ", hashtext(?))", List.of(key), rs -> rs.getBoolean(1))
                .get(0);
        try {
            if (!first) {
                session.query("SELECT pg_advisory_lock(" + KEY + ", hashtext(?))", List.of(key), rs -> 1);
                if (service.restore(session, DropOptions.defaults(), snapshot).stale() == null) {
                    return;
                }
            }
            FlywayMigrations.migrate(url(), server.superuser(), server.password(), migrations);
            service.snapshot(snapshot, false);
        } finally {
            session.query("SELECT pg_advisory_unlock(" + KEY + ", hashtext(?))", List.of(key), rs -> 1);
        }
    }

    /** Waits for the copy being prepared for the next reset. */
    private void finishNextCopy() {
        if (nextCopy != null) {
            try {
                nextCopy.await(TIMEOUT);
            } catch (PgResetException e) {
                progress.info("The next copy of " + name + " was not prepared (" + e.getMessage()
                        + "); the reset clones the snapshot instead.");
            }
            nextCopy = null;
        }
    }

    @Override
    public void close() {
        try {
            finishNextCopy();
        } finally {
            claim.close();
            if (copySession != null) {
                copySession.close();
            }
        }
    }

    private static Target target(LocalServer server, DatabaseName database) {
        return server.target(database, "pgreset:tests");
    }
}
