package io.github.pgreset.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pgreset.core.connection.ConnectionSettings;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.HostPort;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.DropMethod;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreateResult;
import io.github.pgreset.core.drop.Strategy;
import io.github.pgreset.core.report.SessionReport;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.SessionTable;
import io.github.pgreset.core.session.TerminateResult;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.PoolQueries;
import io.github.pgreset.testing.PostgresTest;
import io.github.pgreset.testing.ReconnectingClient;
import io.github.pgreset.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The service against real servers: every behaviour of the four goals, on every test server. */
class ResetServiceIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ResetService service(PgServer server, String database) {
        return service(server, server.target(database), false, Set.of());
    }

    private static ResetService service(PgServer server, Target target, boolean dryRun, Set<String> protectedNames) {
        return new ResetService(
                new ResetSettings(target, TIMEOUT, dryRun, server.safety(protectedNames)), ProgressListener.silent());
    }

    @PostgresTest
    void sessionsListsTheClientsOfTheTargetOnly(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        String other = dbs.createUnique("other");
        dbs.idleSession(chat, "psql");
        dbs.idleSession(chat, "pgcli");
        dbs.idleSession(chat, "IntelliJ IDEA");
        dbs.idleSession(other, "psql-other");

        SessionReport report = service(server, chat).sessions();

        assertThat(report.serverVersion()).isEqualTo(server.version());
        assertThat(report.sessions())
                .extracting(Session::applicationName)
                .containsExactlyInAnyOrder("psql", "pgcli", "IntelliJ IDEA");
        assertThat(report.sessions()).allSatisfy(s -> {
            assertThat(s.user()).isEqualTo(server.user());
            assertThat(s.state()).isEqualTo("idle");
            assertThat(s.canTerminate()).isTrue();
        });
        assertThat(SessionTable.summary(report.database(), report.sessions()))
                .isEqualTo("3 sessions on \"" + chat + "\": 3 idle");
    }

    @PostgresTest
    void sessionsOfAnEmptyDatabaseSaySo(PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        SessionReport report = service(server, chat).sessions();
        assertThat(report.sessions()).isEmpty();
        assertThat(SessionTable.summary(report.database(), report.sessions()))
                .isEqualTo("No sessions on \"" + chat + "\"");
    }

    @PostgresTest
    void aMissingDatabaseIsAClearError(PgServer server, TestDatabases dbs) {
        String missing = dbs.uniqueName("missing");
        assertThatThrownBy(() -> service(server, missing).sessions())
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining(
                        "database \"" + missing + "\" on " + server.host() + ":" + server.port() + " does not exist")
                .extracting(e -> ((PgResetException) e).problem())
                .isEqualTo(Problem.DATABASE_MISSING);
        assertThatThrownBy(() -> service(server, missing).terminate())
                .isInstanceOf(PgResetException.class)
                .hasMessage("The database \"" + missing + "\" on " + server.host() + ":" + server.port()
                        + " does not exist. Check pgreset.database / pgreset.url (names are case-sensitive).")
                .extracting(e -> ((PgResetException) e).problem())
                .isEqualTo(Problem.DATABASE_MISSING);
    }

    @PostgresTest
    void terminateEndsTheTargetsSessionsAndNoOthers(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        String other = dbs.createUnique("other");
        List<Connection> onChat = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            onChat.add(dbs.idleSession(chat, "idle-" + i));
        }
        Connection onOther = dbs.idleSession(other, "bystander");

        TerminateResult result = service(server, chat).terminate();

        assertThat(result.terminated())
                .extracting(Session::applicationName)
                .containsExactlyInAnyOrder("idle-0", "idle-1", "idle-2");
        assertThat(onChat).noneMatch(PgServer::alive);
        assertThat(PgServer.alive(onOther)).isTrue();
        assertThat(service(server, chat).sessions().sessions()).isEmpty();
        assertThat(server.databaseExists(chat)).isTrue();
    }

    @PostgresTest
    void dropEndsIdleSessionsAndRemovesOnlyTheTarget(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        String other = dbs.createUnique("other");
        dbs.idleSession(chat, "psql");
        dbs.idleSession(chat, "pgcli");
        Connection bystander = dbs.idleSession(other, "bystander");
        List<String> before = server.databases();

        DropResult result = service(server, chat).drop(DropOptions.defaults());

        assertThat(result.outcome()).isEqualTo(DropResult.Outcome.DROPPED);
        assertThat(result.terminated()).extracting(Session::applicationName).containsExactlyInAnyOrder("psql", "pgcli");
        assertThat(result.method())
                .isEqualTo(server.version().major() >= 13 ? DropMethod.FORCE : DropMethod.BLOCK_TERMINATE)
                .hasToString(
                        server.version().major() >= 13
                                ? "DROP DATABASE ... WITH (FORCE)"
                                : "ALLOW_CONNECTIONS false, terminate, DROP DATABASE");
        List<String> expected = new ArrayList<>(before);
        expected.remove(chat);
        assertThat(server.databases()).isEqualTo(expected);
        assertThat(PgServer.alive(bystander)).isTrue();
    }

    @PostgresTest
    void dropAndRecreateWinAgainstAClientThatReconnectsAtOnce(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        for (int round = 1; round <= 5; round++) {
            server.executeIn(chat, "CREATE TABLE leftover (id int)");
            try (ReconnectingClient client = new ReconnectingClient(server, chat, 2)) {
                client.awaitConnections(2);
                // both threads hold a connection now; the recreate ends both, and both must come back
                int before = client.connections();
                RecreateResult result =
                        service(server, chat).recreate(DropOptions.defaults(), CreateOptions.defaults());
                assertThat(result.drop().outcome()).as("round %d", round).isEqualTo(DropResult.Outcome.DROPPED);
                client.awaitConnections(before + 2);
            }
            assertThat(server.allowsConnections(chat)).isTrue();
            assertThat(server.hasTable(chat, "leftover"))
                    .as("the recreated database is empty")
                    .isFalse();
        }

        try (ReconnectingClient client = new ReconnectingClient(server, chat, 2)) {
            client.awaitConnections(2);
            assertThat(service(server, chat).drop(DropOptions.defaults()).outcome())
                    .isEqualTo(DropResult.Outcome.DROPPED);
            assertThat(server.databaseExists(chat)).isFalse();
        }
    }

    /**
     * The pool serves a query before the first recreate: HikariCP (7.1 and earlier, issues #887 and #2269) stays
     * broken for good when the very first connection it checks is terminated during that check ("Transaction
     * isolation level -1 not supported"), which is the pool's bug, not a reset's. After that, it must refill.
     */
    @PostgresTest
    void recreateWinsAgainstAHikariPoolThatRefillsAtOnce(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(chat));
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setPoolName("app-pool");
        config.setMinimumIdle(3);
        config.setMaximumPoolSize(3);
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        PoolQueries queries = new PoolQueries();
        try (HikariDataSource pool = dbs.keep(new HikariDataSource(config))) {
            Thread borrower = new Thread(() -> {
                while (!pool.isClosed()) {
                    try (Connection c = pool.getConnection();
                            Statement s = c.createStatement()) {
                        s.execute("SELECT 1");
                        queries.ran();
                    } catch (SQLException e) {
                        // terminated or refused: the pool replaces the connection
                    }
                }
            });
            borrower.setDaemon(true);
            borrower.start();
            queries.awaitAtLeast(1, "before the first recreate");
            for (int round = 1; round <= 3; round++) {
                RecreateResult result =
                        service(server, chat).recreate(DropOptions.defaults(), CreateOptions.defaults());
                assertThat(result.drop().outcome()).as("round %d", round).isEqualTo(DropResult.Outcome.DROPPED);
            }
            queries.awaitAtLeast(queries.count() + 1, "against the new database");
        }
        assertThat(server.allowsConnections(chat)).isTrue();
    }

    @PostgresTest
    void namesThatNeedQuotingAreTreatedAsNamesNotSql(PgServer server, TestDatabases dbs) throws Exception {
        String lower = dbs.create("mixed case; drop database postgres; --");
        for (String name : List.of(
                "Mixed Case; DROP DATABASE postgres; --",
                "quote\"d 'name' \\ back",
                "ünïcødé_名前_" + ProcessHandle.current().pid())) {
            dbs.create(name);
            dbs.idleSession(name, "psql");
            List<String> before = server.databases();

            RecreateResult recreated = service(server, name).recreate(DropOptions.defaults(), CreateOptions.defaults());
            assertThat(recreated.drop().outcome()).isEqualTo(DropResult.Outcome.DROPPED);
            assertThat(server.databases()).isEqualTo(before);

            service(server, name).drop(DropOptions.defaults());
            assertThat(server.databaseExists(name)).as(name).isFalse();
        }
        assertThat(server.databaseExists(lower)).isTrue();
        assertThat(server.databaseExists("postgres")).isTrue();
    }

    @PostgresTest
    void aNameLongerThan63BytesIsRefusedBeforeAnythingRuns(PgServer server) {
        String name = "ä".repeat(32);
        assertThatThrownBy(() -> server.target(name))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("64 bytes long")
                .hasMessageContaining("at most 63");
    }

    @PostgresTest
    void protectedDatabasesAreRefusedAndKept(PgServer server, TestDatabases dbs) {
        String keep = dbs.createUnique("keep");
        for (String name : List.of("postgres", "template0", "template1", keep)) {
            ResetService service = service(server, server.target(name), false, Set.of(keep));
            assertThatThrownBy(() -> service.drop(DropOptions.defaults()))
                    .isInstanceOf(PgResetException.class)
                    .hasMessageContaining("Refusing to drop database \"" + name + "\"")
                    .extracting(e -> ((PgResetException) e).problem())
                    .isEqualTo(Problem.REFUSED_TARGET);
            assertThatThrownBy(() -> service.recreate(DropOptions.defaults(), CreateOptions.defaults()))
                    .isInstanceOf(PgResetException.class);
            assertThat(server.databaseExists(name)).isTrue();
        }
        Target viaMaintenance = new Target(
                new ConnectionSettings(
                        server.connection().hosts(), server.user(), server.password(), keep, java.util.Map.of()),
                new DatabaseName(keep));
        assertThatThrownBy(
                        () -> service(server, viaMaintenance, false, Set.of()).drop(DropOptions.defaults()))
                .hasMessageContaining("maintenance database");
    }

    @PostgresTest
    void dryRunReportsThePlanAndChangesNothing(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        Connection psql = dbs.idleSession(chat, "psql");

        ResetService dryRun = service(server, server.target(chat), true, Set.of());
        TerminateResult terminate = dryRun.terminate();
        DropResult drop = dryRun.drop(DropOptions.defaults());
        RecreateResult recreate = dryRun.recreate(
                DropOptions.defaults(), new CreateOptions(null, "template0", "UTF8", null, null, null, null, 7, null));

        assertThat(terminate.dryRun()).isTrue();
        assertThat(terminate.terminated()).extracting(Session::applicationName).containsExactly("psql");
        assertThat(drop.outcome()).isEqualTo(DropResult.Outcome.PLANNED);
        assertThat(drop.statements()).last().asString().startsWith("DROP DATABASE IF EXISTS \"" + chat + "\"");
        assertThat(recreate.createStatement())
                .isEqualTo(
                        "CREATE DATABASE \"" + chat + "\" TEMPLATE \"template0\" ENCODING 'UTF8' CONNECTION LIMIT 7");
        assertThat(PgServer.alive(psql)).isTrue();
        assertThat(server.databaseExists(chat)).isTrue();
        assertThat(server.allowsConnections(chat)).isTrue();
    }

    @PostgresTest
    void withoutForceConnectedSessionsAreListedAndKept(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        Connection psql = dbs.idleSession(chat, "psql");
        List<String> before = server.databases();

        assertThatThrownBy(() -> service(server, chat).drop(new DropOptions(false, true)))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("1 session on \"" + chat + "\": 1 idle")
                .hasMessageContaining("pgreset.force")
                .hasMessageContaining("psql");
        assertThat(PgServer.alive(psql)).isTrue();
        assertThat(server.databases()).isEqualTo(before);
    }

    @PostgresTest
    void aMissingDatabaseIsDoneOrAnErrorAsIfExistsSays(PgServer server, TestDatabases dbs) {
        String missing = dbs.uniqueName("missing");
        assertThat(service(server, missing).drop(DropOptions.defaults()).outcome())
                .isEqualTo(DropResult.Outcome.MISSING);
        List<String> before = server.databases();
        assertThatThrownBy(() -> service(server, missing).drop(new DropOptions(true, false)))
                .hasMessageContaining("does not exist")
                .hasMessageContaining("pgreset.ifExists");
        assertThat(server.databases()).isEqualTo(before);

        RecreateResult created = service(server, missing).recreate(DropOptions.defaults(), CreateOptions.defaults());
        assertThat(created.drop().outcome()).isEqualTo(DropResult.Outcome.MISSING);
        assertThat(server.databaseExists(missing)).isTrue();
    }

    @PostgresTest
    void recreateAppliesTheCreateOptions(PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        String owner = dbs.createRole("owner", "secret", "");
        CreateOptions options = new CreateOptions(owner, "template0", "UTF8", null, "C", "C", null, 5, null);

        service(server, chat).recreate(DropOptions.defaults(), options);

        List<String> row = server.query(
                "SELECT pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datcollate,"
                        + " datctype, datconnlimit FROM pg_database WHERE datname = '" + chat + "'",
                rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getInt(5));
        assertThat(row).containsExactly(owner + "|UTF8|C|C|5");
    }

    @PostgresTest(since = 15)
    void theStrategyIsUsedFrom15On(PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        server.executeIn(chat, "CREATE TABLE leftover (id int)");
        CreateOptions strategy = new CreateOptions(null, null, null, null, null, null, null, null, Strategy.FILE_COPY);

        RecreateResult result = service(server, chat).recreate(DropOptions.defaults(), strategy);

        assertThat(result.createStatement()).endsWith(" STRATEGY FILE_COPY");
        assertThat(server.databaseExists(chat)).isTrue();
        assertThat(server.hasTable(chat, "leftover")).isFalse();
    }

    @PostgresTest(before = 15)
    void anOptionTheServerIsTooOldForIsRefusedBeforeDropping(PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        CreateOptions strategy = new CreateOptions(null, null, null, null, null, null, null, null, Strategy.FILE_COPY);
        List<String> before = server.databases();
        assertThatThrownBy(() -> service(server, chat).recreate(DropOptions.defaults(), strategy))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("pgreset.strategy needs PostgreSQL 15 or later")
                .hasMessageContaining("runs " + server.version());
        assertThat(server.databases()).isEqualTo(before);
    }

    @PostgresTest
    void aRoleWithoutSignalPrivilegeIsToldWhichPrivilegeItNeeds(PgServer server, TestDatabases dbs) throws Exception {
        String owner = dbs.createRole("owner", "owner-secret", "CREATEDB");
        String other = dbs.createRole("other", "other-secret", "");
        String chat = dbs.createUnique("chat");
        server.execute("ALTER DATABASE \"" + chat + "\" OWNER TO \"" + owner + "\"");
        Connection othersSession = dbs.keep(server.connect(chat, "someone-else", other, "other-secret"));
        List<String> before = server.databases();

        Target asOwner = new Target(server.connection(owner, "owner-secret"), new DatabaseName(chat));
        assertThatThrownBy(() -> service(server, asOwner, false, Set.of()).drop(DropOptions.defaults()))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("role " + owner + " may not terminate 1 of its sessions")
                .hasMessageContaining("pg_signal_backend")
                .hasMessageContaining("GRANT pg_signal_backend TO \"" + owner + "\"")
                .extracting(e -> ((PgResetException) e).problem())
                .isEqualTo(Problem.PERMISSION_DENIED);
        assertThat(PgServer.alive(othersSession)).isTrue();
        assertThat(server.databases()).isEqualTo(before);
        assertThat(server.allowsConnections(chat))
                .as("connections are allowed again")
                .isTrue();

        server.execute("GRANT pg_signal_backend TO \"" + owner + "\"");
        DropResult dropped = service(server, asOwner, false, Set.of()).drop(DropOptions.defaults());
        assertThat(dropped.outcome()).isEqualTo(DropResult.Outcome.DROPPED);
        assertThat(PgServer.alive(othersSession)).isFalse();
    }

    @PostgresTest
    void aRoleWithoutCreatedbIsRefusedBeforeAnythingIsDropped(PgServer server, TestDatabases dbs) throws Exception {
        String owner = dbs.createRole("owner", "owner-secret", "NOCREATEDB");
        String chat = dbs.createUnique("chat");
        server.execute("ALTER DATABASE \"" + chat + "\" OWNER TO \"" + owner + "\"");

        server.executeIn(chat, "CREATE TABLE kept (id int)");
        Connection psql = dbs.idleSession(chat, "psql");
        List<String> before = server.databases();
        Target asOwner = new Target(server.connection(owner, "owner-secret"), new DatabaseName(chat));
        assertThatThrownBy(() -> service(server, asOwner, false, Set.of())
                        .recreate(DropOptions.defaults(), CreateOptions.defaults()))
                .hasMessageContaining("may not create databases")
                .hasMessageContaining("CREATEDB")
                .extracting(e -> ((PgResetException) e).problem())
                .isEqualTo(Problem.PERMISSION_DENIED);
        assertThat(server.databases()).isEqualTo(before);
        assertThat(server.hasTable(chat, "kept")).isTrue();
        assertThat(PgServer.alive(psql)).as("nothing was terminated").isTrue();
        psql.close(); // a superuser's session, which the owner could not end
        assertThat(service(server, asOwner, false, Set.of())
                        .drop(DropOptions.defaults())
                        .outcome())
                .as("the owner may still drop it")
                .isEqualTo(DropResult.Outcome.DROPPED);
    }

    @PostgresTest
    void superuserSessionsNeedASuperuser(PgServer server, TestDatabases dbs) throws Exception {
        String owner = dbs.createRole("owner", "owner-secret", "CREATEDB");
        server.execute("GRANT pg_signal_backend TO \"" + owner + "\"");
        String chat = dbs.createUnique("chat");
        server.execute("ALTER DATABASE \"" + chat + "\" OWNER TO \"" + owner + "\"");
        Connection superusers = dbs.idleSession(chat, "superuser-psql");
        List<String> before = server.databases();

        Target asOwner = new Target(server.connection(owner, "owner-secret"), new DatabaseName(chat));
        assertThatThrownBy(() -> service(server, asOwner, false, Set.of()).terminate())
                .hasMessageContaining("superuser " + server.user() + ": only a superuser may terminate it")
                .extracting(e -> ((PgResetException) e).problem())
                .isEqualTo(Problem.PERMISSION_DENIED);
        assertThat(PgServer.alive(superusers)).as("the superuser's session").isTrue();
        assertThat(server.databases()).isEqualTo(before);
    }

    @PostgresTest
    void aPreparedTransactionIsNamedAndTheDatabaseKept(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        String gid = "pgreset-test-" + chat;
        server.prepareTransaction(chat, gid, "CREATE TABLE t (id int)");
        List<String> before = server.databases();
        try {
            assertThatThrownBy(() -> service(server, chat).drop(DropOptions.defaults()))
                    .isInstanceOf(PgResetException.class)
                    .hasMessageContaining("prepared transaction \"" + gid + "\"")
                    .hasMessageContaining("ROLLBACK PREPARED")
                    .extracting(e -> ((PgResetException) e).problem())
                    .isEqualTo(Problem.DATABASE_IN_USE);
            assertThat(server.databases()).isEqualTo(before);
            assertThat(server.allowsConnections(chat))
                    .as("connections are allowed again")
                    .isTrue();
        } finally {
            server.executeIn(chat, "ROLLBACK PREPARED '" + gid + "'");
        }
    }

    @PostgresTest
    void anInvalidDatabaseLeftByAnInterruptedDropIsCleanedUp(PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        // what an interrupted DROP DATABASE leaves behind (PostgreSQL 12.16+, 13.12+, ... and 16+)
        server.execute("UPDATE pg_database SET datconnlimit = -2 WHERE datname = '" + chat + "'");

        RecreateResult result = service(server, chat).recreate(DropOptions.defaults(), CreateOptions.defaults());

        assertThat(result.drop().method()).isEqualTo(DropMethod.INVALID);
        assertThat(server.query(
                        "SELECT datconnlimit FROM pg_database WHERE datname = '" + chat + "'", rs -> rs.getInt(1)))
                .containsExactly(-1);
    }

    @PostgresTest
    void aClosedPortFailsFastWithTheAddress(PgServer server) {
        Target closed = new Target(
                new ConnectionSettings(
                        List.of(new HostPort("127.0.0.1", 1)), "postgres", "secret", null, java.util.Map.of()),
                new DatabaseName("chat"));
        assertThatThrownBy(() -> service(server, closed, false, Set.of()).sessions())
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("secret")
                .extracting(e -> ((PgResetException) e).problem())
                .isEqualTo(Problem.UNREACHABLE);
    }

    @PostgresTest
    void anUnknownRoleIsAnAuthenticationFailureThatDoesNotShowThePassword(PgServer server) {
        String role = "no_such_role_" + ProcessHandle.current().pid();
        Target wrong = new Target(server.connection(role, "wrong-password-123"), new DatabaseName("chat"));
        List<String> before = server.databases();
        assertThatThrownBy(() -> service(server, wrong, false, Set.of())
                        .recreate(DropOptions.defaults(), CreateOptions.defaults()))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("refused role " + role)
                .hasMessageContaining("pgreset.password")
                .hasMessageNotContaining("wrong-password-123")
                .extracting(e -> ((PgResetException) e).problem())
                .isEqualTo(Problem.AUTHENTICATION);
        assertThat(server.databases()).isEqualTo(before);
    }
}
