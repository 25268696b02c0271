package io.github.pgreset.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreateResult;
import io.github.pgreset.core.snapshot.RestoreResult;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.core.snapshot.SnapshotResult;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.PostgresTest;
import io.github.pgreset.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every goal that changes something, run with pgreset.dryRun: afterwards every database of the server is as it was
 * (name, oid, whether it takes connections, whether it is a template, its comment), and the session on the target is
 * still connected. Each goal's dry run also reports what it would send.
 */
class DryRunIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ResetService dryRun(PgServer server, String database) {
        return new ResetService(
                new ResetSettings(server.target(database), TIMEOUT, true, server.safety(Set.of())),
                ProgressListener.silent());
    }

    private static ResetService real(PgServer server, String database) {
        return new ResetService(
                new ResetSettings(server.target(database), TIMEOUT, false, server.safety(Set.of())),
                ProgressListener.silent());
    }

    /** Every database of the server, as a line that changes when anything a goal could change does. */
    private static List<String> catalog(PgServer server) {
        return server.query(
                "SELECT datname || ' ' || oid || ' ' || datallowconn || ' ' || datistemplate || ' '"
                        + " || coalesce(shobj_description(oid, 'pg_database'), '-') FROM pg_database ORDER BY datname",
                rs -> rs.getString(1));
    }

    /** What exists before the goal: the database alone, with a snapshot, or with a snapshot and no prepared copy. */
    private enum Setup {
        DATABASE,
        SNAPSHOT,
        SNAPSHOT_WITHOUT_COPY
    }

    private static void assertNothingChanges(
            PgServer server, TestDatabases dbs, Setup setup, Consumer<ResetService> goal) throws Exception {
        String chat = dbs.createUnique("chat");
        server.executeIn(
                chat,
                "CREATE TABLE message (id int)",
                "COMMENT ON DATABASE " + SqlText.identifier(chat) + " IS 'the chat service''s database'");
        for (String suffix : List.of("_snapshot", "_next", "_pgreset_old", "_pgreset_snap", "_pgreset_next")) {
            dbs.dropAtEnd(chat + suffix);
        }
        if (setup != Setup.DATABASE) {
            real(server, chat).snapshot(SnapshotOptions.DEFAULTS);
        }
        if (setup == Setup.SNAPSHOT_WITHOUT_COPY) {
            server.dropDatabase(chat + "_next");
        }
        List<String> before = catalog(server);
        try (Connection session = server.connect(chat, "psql")) {
            goal.accept(dryRun(server, chat));

            assertThat(catalog(server)).isEqualTo(before);
            assertThat(PgServer.alive(session))
                    .as("the session on the database")
                    .isTrue();
        }
    }

    @PostgresTest
    void terminate(PgServer server, TestDatabases dbs) throws Exception {
        assertNothingChanges(server, dbs, Setup.DATABASE, service -> assertThat(
                        service.terminate().terminated())
                .hasSize(1));
    }

    @PostgresTest
    void drop(PgServer server, TestDatabases dbs) throws Exception {
        assertNothingChanges(server, dbs, Setup.DATABASE, service -> {
            DropResult result = service.drop(DropOptions.defaults());
            assertThat(result.outcome()).isEqualTo(DropResult.Outcome.PLANNED);
            assertThat(result.statements()).anyMatch(sql -> sql.startsWith("DROP DATABASE"));
            assertThat(result.statements()).noneMatch(sql -> sql.startsWith("--"));
        });
    }

    @PostgresTest
    void recreate(PgServer server, TestDatabases dbs) throws Exception {
        assertNothingChanges(server, dbs, Setup.DATABASE, service -> {
            RecreateResult result = service.recreate(DropOptions.defaults(), CreateOptions.defaults());
            assertThat(result.dryRun()).isTrue();
            assertThat(result.createStatement()).startsWith("CREATE DATABASE");
        });
    }

    @PostgresTest
    void snapshot(PgServer server, TestDatabases dbs) throws Exception {
        assertNothingChanges(server, dbs, Setup.DATABASE, service -> {
            SnapshotResult result = service.snapshot(SnapshotOptions.DEFAULTS);
            assertThat(result.dryRun()).isTrue();
            assertThat(result.terminated()).hasSize(1);
            assertThat(result.statements()).anyMatch(sql -> sql.startsWith("CREATE DATABASE"));
        });
    }

    @PostgresTest
    void snapshotReplacingOne(PgServer server, TestDatabases dbs) throws Exception {
        assertNothingChanges(server, dbs, Setup.SNAPSHOT, service -> {
            SnapshotResult result = service.snapshot(SnapshotOptions.DEFAULTS);
            assertThat(result.replaced()).isNotNull();
            // the replaced snapshot is renamed aside; the next copy drops it, as after a restore
            assertThat(result.statements()).anyMatch(sql -> sql.endsWith("_pgreset_prev\""));
        });
    }

    @PostgresTest
    void restoreWithAPreparedCopy(PgServer server, TestDatabases dbs) throws Exception {
        assertNothingChanges(server, dbs, Setup.SNAPSHOT, service -> {
            RestoreResult result = service.restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);
            assertThat(result.dryRun()).isTrue();
            assertThat(result.swapped()).isTrue();
            assertThat(result.terminated()).hasSize(1);
        });
    }

    @PostgresTest
    void restoreWithoutAPreparedCopy(PgServer server, TestDatabases dbs) throws Exception {
        assertNothingChanges(server, dbs, Setup.SNAPSHOT_WITHOUT_COPY, service -> {
            RestoreResult result = service.restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);
            assertThat(result.swapped()).isFalse();
            assertThat(result.statements()).anyMatch(sql -> sql.startsWith("CREATE DATABASE"));
        });
    }
}
