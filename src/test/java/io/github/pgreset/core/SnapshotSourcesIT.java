package io.github.pgreset.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.catalog.SourceFingerprint;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.snapshot.FileCopyMethod;
import io.github.pgreset.core.snapshot.RestoreResult;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.core.snapshot.SnapshotResult;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.PostgresTest;
import io.github.pgreset.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots keyed by their sources: kept while the migrations are the same, found stale once they change. */
class SnapshotSourcesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path project;

    private static ResetService service(PgServer server, String database) {
        return new ResetService(
                new ResetSettings(server.target(database), TIMEOUT, false, server.safety(Set.of())),
                ProgressListener.silent());
    }

    private SnapshotOptions sources(SnapshotOptions.OnStale onStale) {
        Path migrations = Path.of("src/main/resources/db/migration");
        return new SnapshotOptions(
                null, FileCopyMethod.AUTO, SourceFingerprint.of(project, List.of(migrations)), onStale);
    }

    private void migration(String name, String sql) throws Exception {
        Path folder = Files.createDirectories(project.resolve("src/main/resources/db/migration"));
        Files.writeString(folder.resolve(name), sql);
    }

    private static String migrated(PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        server.executeIn(chat, "CREATE TABLE message (id int PRIMARY KEY)", "INSERT INTO message VALUES (1)");
        for (String suffix : new String[] {"_snapshot", "_next", "_pgreset_old", "_pgreset_snap", "_pgreset_next"}) {
            dbs.dropAtEnd(chat + suffix);
        }
        return chat;
    }

    private static long oid(PgServer server, String database) {
        return server.query("SELECT oid FROM pg_database WHERE datname = '" + database + "'", rs -> rs.getLong(1))
                .get(0);
    }

    @PostgresTest
    void aSnapshotOfTheSameSourcesIsKeptAsItIs(PgServer server, TestDatabases dbs) throws Exception {
        migration("V1__messages.sql", "CREATE TABLE message (id int PRIMARY KEY);");
        String chat = migrated(server, dbs);
        SnapshotResult first = service(server, chat).snapshot(sources(null));
        assertThat(first.upToDate()).isFalse();
        long snapshot = oid(server, chat + "_snapshot");
        dbs.idleSession(chat, "psql");

        SnapshotResult second = service(server, chat).snapshot(sources(null));

        assertThat(second.upToDate()).isTrue();
        assertThat(second.terminated()).as("nobody was disconnected").isEmpty();
        assertThat(second.statements()).isEmpty();
        assertThat(oid(server, chat + "_snapshot"))
                .as("the very same snapshot database")
                .isEqualTo(snapshot);
        RestoreResult restored =
                service(server, chat).restore(DropOptions.defaults(), sources(SnapshotOptions.OnStale.FAIL));
        assertThat(restored.stale()).isNull();
        assertThat(restored.swapped()).isTrue();
    }

    @PostgresTest
    void withoutASnapshotRestoreRecreatesTheDatabaseEmptyAndSaysWhy(PgServer server, TestDatabases dbs)
            throws Exception {
        migration("V1__messages.sql", "CREATE TABLE message (id int PRIMARY KEY);");
        String chat = migrated(server, dbs);

        RestoreResult result = service(server, chat).restore(DropOptions.defaults(), sources(null));

        assertThat(result.stale()).isNotNull();
        assertThat(result.stale().reason()).isEqualTo("there is no snapshot \"" + chat + "_snapshot\" yet");
        assertThat(server.hasTable(chat, "message"))
                .as("recreated empty, for the migrations")
                .isFalse();
        assertThat(server.databaseExists(chat + "_snapshot")).isFalse();
    }

    @PostgresTest
    void theRecreatedDatabaseKeepsItsOwnerSoThatTheApplicationsRoleCanMigrateIt(PgServer server, TestDatabases dbs)
            throws Exception {
        migration("V1__messages.sql", "CREATE TABLE message (id int PRIMARY KEY);");
        String app = dbs.createRole("app", "app-secret", "");
        String chat = migrated(server, dbs);
        server.execute("ALTER DATABASE " + SqlText.identifier(chat) + " OWNER TO " + SqlText.identifier(app));

        RestoreResult result = service(server, chat).restore(DropOptions.defaults(), sources(null));

        assertThat(result.stale()).isNotNull();
        assertThat(server.query(
                        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = " + SqlText.literal(chat),
                        rs -> rs.getString(1)))
                .as("owned by whom the replaced database belonged to, not by pgreset's role")
                .containsExactly(app);
        try (Connection migrations = server.connect(chat, "flyway", app, "app-secret");
                Statement statement = migrations.createStatement()) {
            // PostgreSQL 15+: the public schema belongs to the database's owner; the migrations run as the app's role
            statement.execute("CREATE TABLE message (id int PRIMARY KEY)");
        }
        assertThat(server.hasTable(chat, "message")).isTrue();
    }

    @PostgresTest
    void anAddedMigrationMakesTheSnapshotStaleAndNamesTheFile(PgServer server, TestDatabases dbs) throws Exception {
        migration("V1__messages.sql", "CREATE TABLE message (id int PRIMARY KEY);");
        String chat = migrated(server, dbs);
        service(server, chat).snapshot(sources(null));
        migration("V2__tags.sql", "CREATE TABLE tag (id int);");

        assertThatThrownBy(() ->
                        service(server, chat).restore(DropOptions.defaults(), sources(SnapshotOptions.OnStale.FAIL)))
                .isInstanceOfSatisfying(
                        PgResetException.class, e -> assertThat(e.problem()).isEqualTo(Problem.STALE_SNAPSHOT))
                .hasMessageContaining("src/main/resources/db/migration/V2__tags.sql added")
                .hasMessageContaining("pgreset.onStaleSnapshot=recreate");
        assertThat(server.hasTable(chat, "message"))
                .as("a failed restore changes nothing")
                .isTrue();

        SnapshotResult retaken = service(server, chat).snapshot(sources(null));
        assertThat(retaken.upToDate())
                .as("a snapshot of other sources is taken again")
                .isFalse();
        assertThat(service(server, chat)
                        .restore(DropOptions.defaults(), sources(SnapshotOptions.OnStale.FAIL))
                        .stale())
                .isNull();
    }
}
