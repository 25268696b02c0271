package io.github.pgreset.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.DatabaseStatements;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.Strategy;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.snapshot.RestoreResult;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.core.snapshot.SnapshotResult;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.PostgresTest;
import io.github.pgreset.testing.ReconnectingClient;
import io.github.pgreset.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** snapshot, restore and the prepared copy that restore swaps in, against every test server. */
class SnapshotIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ResetService service(PgServer server, String database) {
        return new ResetService(
                new ResetSettings(server.target(database), TIMEOUT, false, server.safety(Set.of())),
                ProgressListener.silent());
    }

    private static List<Integer> ids(PgServer server, String database) {
        return server.queryIn(database, "SELECT id FROM message ORDER BY id", rs -> rs.getInt(1));
    }

    /** A migrated database with data; its snapshot and prepared copy are dropped when the test ends. */
    private static String migrated(PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        server.executeIn(
                chat,
                "CREATE TABLE message (id int PRIMARY KEY, body text)",
                "INSERT INTO message SELECT g, 'hello ' || g FROM generate_series(1, 100) g");
        dbs.dropAtEnd(chat + "_snapshot");
        dbs.dropAtEnd(chat + "_next");
        dbs.dropAtEnd(chat + "_pgreset_old");
        dbs.dropAtEnd(chat + "_pgreset_snap");
        dbs.dropAtEnd(chat + "_pgreset_next");
        dbs.dropAtEnd(chat + "_pgreset_prev");
        return chat;
    }

    @PostgresTest
    void snapshotSavesAClosedTemplateAndPreparesACopy(PgServer server, TestDatabases dbs) throws Exception {
        String chat = migrated(server, dbs);
        dbs.idleSession(chat, "psql");

        SnapshotResult result = service(server, chat).snapshot(SnapshotOptions.DEFAULTS);

        assertThat(result.names().snapshot().value()).isEqualTo(chat + "_snapshot");
        assertThat(result.terminated()).extracting(Session::applicationName).containsExactly("psql");
        assertThat(server.allowsConnections(chat))
                .as("the database accepts connections again")
                .isTrue();
        assertThat(server.allowsConnections(chat + "_snapshot")).isFalse();
        assertThat(server.query(
                        "SELECT datistemplate FROM pg_database WHERE datname = '" + chat + "_snapshot'",
                        rs -> rs.getBoolean(1)))
                .containsExactly(true);
        assertThat(server.databaseExists(chat + "_next"))
                .as("the prepared copy")
                .isTrue();
        assertThat(server.allowsConnections(chat + "_next")).isFalse();
    }

    @PostgresTest
    void restoreSwapsThePreparedCopyInAndTheNextCopyIsPreparedAgain(PgServer server, TestDatabases dbs)
            throws Exception {
        String chat = migrated(server, dbs);
        service(server, chat).snapshot(SnapshotOptions.DEFAULTS);
        server.executeIn(chat, "INSERT INTO message VALUES (101, 'written by a test')", "CREATE TABLE scratch (x int)");
        dbs.idleSession(chat, "test-jvm");
        Set<String> before = new HashSet<>(server.databases());

        RestoreResult restored = service(server, chat).restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);

        assertThat(restored.swapped()).isTrue();
        assertThat(restored.terminated()).extracting(Session::applicationName).containsExactly("test-jvm");
        assertThat(ids(server, chat)).hasSize(100).doesNotContain(101);
        assertThat(server.hasTable(chat, "scratch")).isFalse();
        assertThat(server.allowsConnections(chat)).isTrue();
        assertThat(server.query(
                        "SELECT shobj_description(oid, 'pg_database') IS NULL FROM pg_database WHERE datname = "
                                + SqlText.literal(chat),
                        rs -> rs.getBoolean(1)))
                .as("no longer marked as a copy pgreset made")
                .containsExactly(true);
        assertThat(server.databaseExists(chat + "_next"))
                .as("swapped in, so gone")
                .isFalse();

        service(server, chat).prepareNextCopy(SnapshotOptions.DEFAULTS);
        assertThat(new HashSet<>(server.databases()))
                .as("the same databases as before: no copy piles up")
                .isEqualTo(before);
    }

    /**
     * A superuser's restore of a database nobody is on swaps without closing it first. A client that connects between
     * the read and the swap is found by the swap's own check: the restore then closes the database, ends the client
     * and swaps, as if the client had been there all along.
     */
    @PostgresTest
    void aClientThatConnectsAfterTheReadIsEndedBeforeTheSwap(PgServer server, TestDatabases dbs) throws Exception {
        String chat = migrated(server, dbs);
        service(server, chat).snapshot(SnapshotOptions.DEFAULTS);
        RestoreResult idle = service(server, chat).restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);
        assertThat(idle.swapped()).isTrue();
        assertThat(idle.terminated()).isEmpty();
        assertThat(idle.statements())
                .as("swapped without closing it first")
                .noneMatch(sql -> sql.contains("closed by"));
        service(server, chat).prepareNextCopy(SnapshotOptions.DEFAULTS);
        server.executeIn(chat, "DELETE FROM message");

        List<Connection> late = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressListener connectingAfterTheRead = new ProgressListener() {
            @Override
            public void info(String message) {}

            @Override
            public void debug(String message) {
                if (message.startsWith("Goal lock and first read")) {
                    try {
                        late.add(server.connect(chat, "late-client"));
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        RestoreResult restored = new ResetService(
                        new ResetSettings(server.target(chat), TIMEOUT, false, server.safety(Set.of())),
                        connectingAfterTheRead)
                .restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);

        assertThat(late).hasSize(1);
        assertThat(restored.swapped()).isTrue();
        assertThat(restored.terminated()).extracting(Session::applicationName).containsExactly("late-client");
        assertThat(PgServer.alive(late.get(0))).isFalse();
        assertThat(ids(server, chat)).hasSize(100);
        assertThat(server.allowsConnections(chat)).isTrue();
        late.get(0).close();
    }

    @PostgresTest
    void withoutAPreparedCopyRestoreClonesTheSnapshot(PgServer server, TestDatabases dbs) {
        String chat = migrated(server, dbs);
        service(server, chat).snapshot(SnapshotOptions.DEFAULTS);
        server.dropDatabase(chat + "_next");
        server.executeIn(chat, "DELETE FROM message");

        RestoreResult restored = service(server, chat).restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);

        assertThat(restored.swapped()).isFalse();
        // a small snapshot: WAL_LOG (15+), unless the file system clones it
        assertThat(restored.copyMethod().strategy())
                .isEqualTo(
                        server.version().major() < 15
                                ? null
                                : restored.copyMethod().clones() ? Strategy.FILE_COPY : Strategy.WAL_LOG);
        assertThat(ids(server, chat)).hasSize(100);
    }

    @PostgresTest
    void aCopyOfAnEarlierSnapshotIsNeverSwappedIn(PgServer server, TestDatabases dbs) {
        String chat = migrated(server, dbs);
        service(server, chat).snapshot(SnapshotOptions.DEFAULTS);
        // a prepared copy of a snapshot taken before this one
        server.dropDatabase(chat + "_next");
        server.execute(
                "CREATE DATABASE " + SqlText.identifier(chat + "_next"),
                "COMMENT ON DATABASE " + SqlText.identifier(chat + "_next")
                        + " IS 'pgreset: copy of snapshot oid 1, swapped in by the next restore'");

        RestoreResult restored = service(server, chat).restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);

        assertThat(restored.swapped()).isFalse();
        assertThat(ids(server, chat)).hasSize(100);
    }

    @PostgresTest
    void restoreWinsAgainstAReconnectingClient(PgServer server, TestDatabases dbs) {
        String chat = migrated(server, dbs);
        service(server, chat).snapshot(SnapshotOptions.DEFAULTS);
        try (ReconnectingClient client = new ReconnectingClient(server, chat, 2)) {
            client.awaitConnections(2);
            for (int i = 0; i < 3; i++) {
                server.executeIn(chat, "DELETE FROM message");
                service(server, chat).restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);
                assertThat(ids(server, chat)).hasSize(100);
                service(server, chat).prepareNextCopy(SnapshotOptions.DEFAULTS);
            }
        }
    }

    /**
     * The old database is moved aside and the copy renamed into its name in one transaction: a client that connects
     * in a tight loop meets the old database (closed while its sessions end: 55000, 57P01) or the fresh one, never a
     * missing name. One caught in the middle of connecting at the instant of the swap may meet PostgreSQL's own 3D000
     * with the detail "It seems to have just been dropped or renamed" (docs/snapshots.md), told apart and counted.
     */
    @PostgresTest
    void aClientConnectingDuringRestoresNeverFindsTheDatabaseMissing(PgServer server, TestDatabases dbs) {
        String chat = migrated(server, dbs);
        service(server, chat).snapshot(SnapshotOptions.DEFAULTS);
        Map<String, Integer> failures;
        int clients = 3;
        int restores = 12;
        try (ReconnectingClient client = new ReconnectingClient(server, chat, clients)) {
            for (int i = 1; i <= restores; i++) {
                int connected = client.connections();
                RestoreResult restored =
                        service(server, chat).restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);
                assertThat(restored.swapped()).as("restore %d", i).isTrue();
                client.awaitConnections(connected + 1);
                service(server, chat).prepareNextCopy(SnapshotOptions.DEFAULTS);
            }
            failures = client.failures();
        }
        // a name truly missing: never
        assertThat(failures).as("failures by SQLSTATE").doesNotContainKey("3D000");
        // a client in the middle of connecting at the instant of a swap may be refused with "It seems to have just
        // been dropped or renamed", whatever the reset does: counted, at most once per client and swap
        assertThat(failures.getOrDefault(ReconnectingClient.RENAMED_WHILE_CONNECTING, 0))
                .as("refusals of a database renamed while connecting, among %s", failures)
                .isLessThanOrEqualTo(clients * restores);
        assertThat(failures).as("the client was refused while sessions ended").isNotEmpty();
    }

    /**
     * A client that connects again the moment it is terminated races the blocking of connections: one that got in
     * just before it must be ended too, or the copy fails with "source database is being accessed by other users".
     */
    @PostgresTest
    void snapshotWinsAgainstAReconnectingClient(PgServer server, TestDatabases dbs) {
        String chat = migrated(server, dbs);
        try (ReconnectingClient client = new ReconnectingClient(server, chat, 4)) {
            for (int i = 1; i <= 5; i++) {
                server.awaitSessions(chat, "reconnecting-client", 1);
                SnapshotResult result = service(server, chat).snapshot(SnapshotOptions.DEFAULTS);
                assertThat(result.terminated()).as("snapshot %d", i).isNotEmpty();
                assertThat(server.allowsConnections(chat))
                        .as("the database accepts connections again")
                        .isTrue();
            }
        }
        assertThat(ids(server, chat)).hasSize(100);
        assertThat(server.databaseExists(chat + "_snapshot")).isTrue();
        assertThat(server.databaseExists(chat + "_next")).isTrue();
    }

    @PostgresTest
    void aPreparedTransactionOnTheDatabaseIsNamedAndNoSnapshotIsLeft(PgServer server, TestDatabases dbs)
            throws Exception {
        String chat = migrated(server, dbs);
        String gid = "pgreset-snapshot-" + chat;
        server.prepareTransaction(chat, gid, "INSERT INTO message VALUES (1000, 'prepared')");
        try {
            assertThatThrownBy(() -> service(server, chat).snapshot(SnapshotOptions.DEFAULTS))
                    .isInstanceOf(PgResetException.class)
                    .hasMessageContaining("Cannot snapshot")
                    .hasMessageContaining("prepared transaction \"" + gid + "\"")
                    .extracting(e -> ((PgResetException) e).problem())
                    .isEqualTo(Problem.DATABASE_IN_USE);
            assertThat(server.databaseExists(chat + "_snapshot")).isFalse();
            assertThat(server.allowsConnections(chat))
                    .as("connections are allowed again")
                    .isTrue();
        } finally {
            server.executeIn(chat, "ROLLBACK PREPARED '" + gid + "'");
        }
    }

    @PostgresTest
    void aSessionTheRoleMayNotTerminateIsNamedBeforeAnythingIsTerminated(PgServer server, TestDatabases dbs)
            throws Exception {
        String owner = dbs.createRole("owner", "owner-pw", "CREATEDB");
        server.execute("GRANT pg_signal_backend TO " + SqlText.identifier(owner));
        String chat = migrated(server, dbs);
        server.execute("ALTER DATABASE " + SqlText.identifier(chat) + " OWNER TO " + SqlText.identifier(owner));
        Connection superuserSession = dbs.idleSession(chat, "dba-psql");
        Connection ownSession = dbs.keep(server.connect(chat, "app", owner, "owner-pw"));
        Target asOwner = new Target(server.connection(owner, "owner-pw"), new DatabaseName(chat));
        ResetService service = new ResetService(
                new ResetSettings(asOwner, TIMEOUT, false, server.safety(Set.of())), ProgressListener.silent());

        assertThatThrownBy(() -> service.snapshot(SnapshotOptions.DEFAULTS))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("Cannot snapshot")
                .hasMessageContaining("belongs to superuser " + server.user())
                .extracting(e -> ((PgResetException) e).problem())
                .isEqualTo(Problem.PERMISSION_DENIED);
        assertThat(PgServer.alive(superuserSession)).isTrue();
        assertThat(PgServer.alive(ownSession))
                .as("a session it could terminate is kept too: nothing was terminated")
                .isTrue();
        assertThat(server.allowsConnections(chat)).isTrue();
        assertThat(server.databaseExists(chat + "_snapshot")).isFalse();
    }

    @PostgresTest
    void severalDatabasesAreRestoredFromOneSnapshotAtOnce(PgServer server, TestDatabases dbs) {
        String app = migrated(server, dbs);
        service(server, app).snapshot(SnapshotOptions.DEFAULTS);
        List<DatabaseName> forks = List.of(1, 2, 3, 4).stream()
                .map(i -> new DatabaseName(dbs.create(app + "_" + i)))
                .toList();
        forks.forEach(f -> {
            dbs.dropAtEnd(f.value() + "_next");
            dbs.dropAtEnd(f.value() + "_pgreset_old");
        });
        ResetSettings base = new ResetSettings(server.target(app), TIMEOUT, false, server.safety(Set.of()));

        List<EachDatabase.Outcome<RestoreResult>> outcomes = EachDatabase.run(
                base,
                forks,
                ProgressListener.silent(),
                service -> service.restore(DropOptions.defaults(), SnapshotOptions.named(app + "_snapshot")));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        for (DatabaseName fork : forks) {
            assertThat(ids(server, fork.value())).hasSize(100);
        }
    }

    @PostgresTest
    void oneFailureDoesNotHideTheOthers(PgServer server, TestDatabases dbs) {
        String a = dbs.createUnique("a");
        String b = dbs.createUnique("b");
        ResetSettings base = new ResetSettings(server.target(a), TIMEOUT, false, server.safety(Set.of()));

        List<EachDatabase.Outcome<DropResult>> outcomes = EachDatabase.run(
                base,
                List.of(new DatabaseName(a), new DatabaseName("postgres"), new DatabaseName(b)),
                ProgressListener.silent(),
                service -> service.drop(DropOptions.defaults()));

        assertThat(outcomes.get(0).result().outcome()).isEqualTo(DropResult.Outcome.DROPPED);
        assertThat(outcomes.get(1).failure()).hasMessageContaining("Refusing to drop database \"postgres\"");
        assertThat(outcomes.get(2).result().outcome()).isEqualTo(DropResult.Outcome.DROPPED);
        assertThat(server.databaseExists(a)).isFalse();
        assertThat(server.databaseExists(b)).isFalse();
    }

    @PostgresTest
    void aDatabaseThatPgresetDidNotMakeIsNeverDroppedForTheSnapshot(PgServer server, TestDatabases dbs) {
        String chat = migrated(server, dbs);
        service(server, chat).snapshot(SnapshotOptions.DEFAULTS);
        server.dropDatabase(chat + "_next");
        server.execute("CREATE DATABASE " + SqlText.identifier(chat + "_next"));
        server.executeIn(chat + "_next", "CREATE TABLE someone_elses (id int)");

        // the restore clones the snapshot under a working name and leaves the name it does not own alone ...
        RestoreResult restored = service(server, chat).restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);
        assertThat(restored.swapped()).isFalse();
        assertThat(server.hasTable(chat, "message")).isTrue();
        // ... and the next copy, which needs that name, is refused
        assertThatThrownBy(() -> service(server, chat).prepareNextCopy(SnapshotOptions.DEFAULTS))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("did not make that database")
                .hasMessageContaining("pgreset.snapshotName");
        assertThat(server.hasTable(chat + "_next", "someone_elses")).isTrue();
    }

    @PostgresTest
    void restoreWithoutASnapshotSaysToTakeOne(PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        assertThatThrownBy(() -> service(server, chat).restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("no snapshot")
                .hasMessageContaining("pgreset:snapshot");
        assertThat(server.databaseExists(chat)).as("nothing dropped").isTrue();
    }

    @PostgresTest
    void aDatabaseUnderTheSnapshotsNameThatPgresetDidNotFinishIsNeverRestoredFrom(PgServer server, TestDatabases dbs) {
        String chat = migrated(server, dbs);
        // what an interrupted snapshot of an older pgreset left: a copy without the mark, not a template
        server.execute(
                "CREATE DATABASE " + SqlText.identifier(chat + "_snapshot") + " TEMPLATE " + SqlText.identifier(chat));
        server.executeIn(chat, "DELETE FROM message");

        assertThatThrownBy(() -> service(server, chat).restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("not a snapshot that pgreset finished")
                .hasMessageContaining(chat + "_snapshot");
        assertThat(ids(server, chat)).isEmpty();
        assertThat(server.databaseExists(chat + "_snapshot")).isTrue();
    }

    @PostgresTest
    void whatAKilledSnapshotLeftIsRepairedByTheNextGoalAndTheCommentIsKept(PgServer server, TestDatabases dbs) {
        String chat = migrated(server, dbs);
        DatabaseName name = new DatabaseName(chat);
        server.execute("COMMENT ON DATABASE " + name.sql() + " IS 'the chat service''s database'");
        // as a snapshot killed during its copy leaves it: closed, marked, and a copy under the working name
        server.execute(DatabaseStatements.close(
                name, Marks.closed("snapshot", java.time.Instant.now(), "the chat service's database")));
        server.execute("CREATE DATABASE " + SqlText.identifier(chat + "_pgreset_snap") + " TEMPLATE " + name.sql()
                + " ALLOW_CONNECTIONS false");
        // sessions, meanwhile, says that pgreset left it closed (its log names what reopens it)
        ResetService listing = new ResetService(
                new ResetSettings(server.target(chat), TIMEOUT, false, server.safety(Set.of())),
                ProgressListener.silent());
        assertThat(listing.sessions().closedByPgreset()).isTrue();
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressListener log = new ProgressListener() {
            @Override
            public void info(String message) {
                said.add(message);
            }

            @Override
            public void debug(String message) {}
        };

        new ResetService(new ResetSettings(server.target(chat), TIMEOUT, false, server.safety(Set.of())), log)
                .snapshot(SnapshotOptions.DEFAULTS);

        assertThat(server.allowsConnections(chat)).isTrue();
        assertThat(server.query(
                        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = "
                                + SqlText.literal(chat),
                        rs -> rs.getString(1)))
                .containsExactly("the chat service's database");
        assertThat(server.databaseExists(chat + "_pgreset_snap")).isFalse();
        assertThat(server.databaseExists(chat + "_snapshot")).isTrue();
        assertThat(said)
                .filteredOn(line -> line.startsWith("Repaired"))
                .singleElement()
                .asString()
                .contains("reopened database \"" + chat + "\"")
                .contains("dropped \"" + chat + "_pgreset_snap\"");
        assertThat(listing.sessions().closedByPgreset()).isFalse();
    }
}
