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
import io.github.pgreset.core.connection.SafetyRules;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.DropMethod;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreateResult;
import io.github.pgreset.core.report.SessionReport;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.TerminateResult;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.testing.LogicalConsumer;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.PoolQueries;
import io.github.pgreset.testing.PostgresTest;
import io.github.pgreset.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The reliability catalogue (docs/reliability.md): bad names, targets that must be refused, broken connections,
 * missing privileges, what FORCE cannot clear, read-only servers, load and races. Each case asserts the outcome, the
 * message the user sees, and that the list of databases afterwards differs from the list before only by the target.
 */
class ReliabilityIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ResetService service(PgServer server, Target target, Duration timeout, SafetyRules safety) {
        return new ResetService(new ResetSettings(target, timeout, false, safety), ProgressListener.silent());
    }

    private static ResetService service(PgServer server, String database) {
        return service(server, server.target(database), TIMEOUT, server.safety(Set.of()));
    }

    /** The databases other than {@code target} are exactly those there were before. */
    private static void assertOnlyTargetChanged(PgServer server, List<String> before, String target) {
        Set<String> expected = new HashSet<>(before);
        expected.remove(target);
        Set<String> now = new HashSet<>(server.databases());
        now.remove(target);
        assertThat(now).as("databases other than " + target).isEqualTo(expected);
    }

    /** The call fails with the problem and message parts given, and no database changed at all. */
    private static void assertRefusedAndNothingChanged(
            PgServer server, ThrowingCallable call, Problem problem, String... messageParts) {
        List<String> before = server.databases();
        assertThatThrownBy(call)
                .isInstanceOf(PgResetException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(messageParts))
                .extracting(e -> ((PgResetException) e).problem())
                .isEqualTo(problem);
        assertThat(server.databases()).containsExactlyInAnyOrderElementsOf(before);
    }

    // ---------------------------------------------------------------- names

    @PostgresTest
    void namesThatNeedQuotingAreRecreatedUnderTheirExactName(PgServer server, TestDatabases dbs) throws Exception {
        String victim = dbs.createUnique("victim");
        String suffix = dbs.uniqueName("");
        List<String> names = List.of(
                "Chat_Caps" + suffix,
                "chat with spaces" + suffix,
                "chat\"double'single" + suffix,
                "chat\\back\\\\slash" + suffix,
                "chat; DROP DATABASE " + victim + "; --" + suffix,
                "x'); DROP DATABASE " + victim + "; --" + suffix,
                "chät_数据库_🙂" + suffix);
        for (String name : names) {
            dbs.create(name);
            List<String> before = server.databases();
            server.executeIn(name, "CREATE TABLE leftover (id int)");

            service(server, name).recreate(DropOptions.defaults(), CreateOptions.defaults());

            assertThat(server.databaseExists(name)).as(name).isTrue();
            assertThat(server.hasTable(name, "leftover")).as(name).isFalse();
            assertOnlyTargetChanged(server, before, name);
            // the session list finds the database by its exact name: a session on it, and only that one
            try (Connection psql = server.connect(name, "psql")) {
                int pid = psql.unwrap(org.postgresql.PGConnection.class).getBackendPID();
                assertThat(service(server, name).sessions().sessions())
                        .as(name)
                        .extracting(Session::pid)
                        .containsExactly(pid);
            }
        }
        assertThat(server.databaseExists(victim))
                .as("the database named inside the injection attempts")
                .isTrue();
        assertThat(server.databaseExists("chat_caps" + suffix.toLowerCase()))
                .as("no case-folded twin")
                .isFalse();
    }

    @PostgresTest
    void sixtyThreeBytesIsTheLongestName(PgServer server, TestDatabases dbs) {
        // 21 three-byte characters: 63 bytes, 21 characters
        String name = "数".repeat(21);
        dbs.create(name);
        List<String> before = server.databases();

        service(server, name).recreate(DropOptions.defaults(), CreateOptions.defaults());

        assertThat(server.databaseExists(name)).isTrue();
        assertOnlyTargetChanged(server, before, name);
    }

    @PostgresTest
    void sixtyFourBytesAndEmptyNamesAreRefusedBeforeAnythingRuns(PgServer server) {
        String tooLong = "a".repeat(62) + "é"; // 64 bytes: PostgreSQL would truncate it to another name
        assertRefusedAndNothingChanged(
                server,
                () -> service(server, tooLong).recreate(DropOptions.defaults(), CreateOptions.defaults()),
                Problem.CONFIGURATION,
                "64 bytes",
                "63");
        assertThatThrownBy(() -> server.target(""))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("empty");
    }

    @PostgresTest
    void aNameThatDiffersFromASystemDatabaseOnlyByCaseIsItsOwnDatabase(PgServer server, TestDatabases dbs) {
        String name = "Postgres";
        dbs.create(name);
        List<String> before = server.databases();

        DropResult dropped = service(server, name).drop(DropOptions.defaults());

        assertThat(dropped.outcome()).isEqualTo(DropResult.Outcome.DROPPED);
        assertThat(server.databaseExists("Postgres")).isFalse();
        assertThat(server.databaseExists("postgres")).isTrue();
        assertOnlyTargetChanged(server, before, name);
    }

    // ---------------------------------------------------------------- targets that must be refused

    @PostgresTest
    void systemMaintenanceAndProtectedDatabasesAreRefused(PgServer server, TestDatabases dbs) throws Exception {
        for (String system : SafetyRules.SYSTEM_DATABASES) {
            assertRefusedAndNothingChanged(
                    server,
                    () -> service(server, system).recreate(DropOptions.defaults(), CreateOptions.defaults()),
                    Problem.REFUSED_TARGET,
                    "Refusing to drop database \"" + system + "\"",
                    "system database");
        }
        String maintenance = dbs.createUnique("maint");
        Connection session = dbs.idleSession(maintenance, "psql");
        ConnectionSettings viaMaintenance = new ConnectionSettings(
                List.of(new HostPort(server.host(), server.port())),
                server.user(),
                server.password(),
                maintenance,
                Map.of());
        assertRefusedAndNothingChanged(
                server,
                () -> service(
                                server,
                                new Target(viaMaintenance, new DatabaseName(maintenance)),
                                TIMEOUT,
                                server.safety(Set.of()))
                        .drop(DropOptions.defaults()),
                Problem.REFUSED_TARGET,
                "maintenance database");
        String guarded = dbs.createUnique("guarded");
        assertRefusedAndNothingChanged(
                server,
                () -> service(server, server.target(guarded), TIMEOUT, server.safety(Set.of(guarded)))
                        .drop(DropOptions.defaults()),
                Problem.REFUSED_TARGET,
                "listed in pgreset.protectedDatabases");
        assertThat(PgServer.alive(session)).isTrue();
    }

    @PostgresTest
    void terminateAndSnapshotRefuseWhatDropRefusesAndEndNoSession(PgServer server, TestDatabases dbs) throws Exception {
        Connection onPostgres = dbs.idleSession("postgres", "psql");
        String guarded = dbs.createUnique("guarded");
        Connection onGuarded = dbs.idleSession(guarded, "psql");
        dbs.dropAtEnd(guarded + "_snapshot");
        dbs.dropAtEnd(guarded + "_next");

        assertRefusedAndNothingChanged(
                server,
                () -> service(server, "postgres").terminate(),
                Problem.REFUSED_TARGET,
                "Refusing to terminate the sessions on database \"postgres\"",
                "system database");
        assertRefusedAndNothingChanged(
                server,
                () -> service(server, "postgres").snapshot(SnapshotOptions.DEFAULTS),
                Problem.REFUSED_TARGET,
                "Refusing to snapshot database \"postgres\"");
        ResetService guardedService = service(server, server.target(guarded), TIMEOUT, server.safety(Set.of(guarded)));
        assertRefusedAndNothingChanged(
                server,
                guardedService::terminate,
                Problem.REFUSED_TARGET,
                "Refusing to terminate the sessions on database \"" + guarded + "\"",
                "listed in pgreset.protectedDatabases");
        assertRefusedAndNothingChanged(
                server,
                () -> guardedService.snapshot(SnapshotOptions.DEFAULTS),
                Problem.REFUSED_TARGET,
                "Refusing to snapshot database \"" + guarded + "\"");
        assertRefusedAndNothingChanged(
                server,
                () -> service(server, guarded).snapshot(SnapshotOptions.named("template1")),
                Problem.REFUSED_TARGET,
                "Refusing to use as a snapshot database \"template1\"",
                "Set pgreset.snapshotName to another name.");
        assertThat(PgServer.alive(onPostgres)).as("the session on postgres").isTrue();
        assertThat(PgServer.alive(onGuarded))
                .as("the session on the protected database")
                .isTrue();
        assertThat(server.allowsConnections(guarded)).isTrue();
    }

    @PostgresTest
    void aTemplateDatabaseIsRefusedAndItsSessionsKept(PgServer server, TestDatabases dbs) throws Exception {
        String template = dbs.createUnique("tpl");
        server.execute("ALTER DATABASE " + SqlText.identifier(template) + " IS_TEMPLATE true");
        Connection session = dbs.idleSession(template, "psql");

        assertRefusedAndNothingChanged(
                server,
                () -> service(server, template).drop(DropOptions.defaults()),
                Problem.REFUSED_TARGET,
                "template database (datistemplate)",
                "IS_TEMPLATE false");
        assertThat(PgServer.alive(session)).as("nothing was terminated").isTrue();
    }

    @PostgresTest
    void databaseNamePatternRefusesNamesOutsideIt(PgServer server, TestDatabases dbs) {
        String app = dbs.createUnique("app");
        String appIt = dbs.createUnique("app") + "_it";
        dbs.create(appIt);
        Pattern pattern = SafetyRules.namePattern(".*_(test|it|dev)");
        SafetyRules rules = new SafetyRules(!SafetyRules.isLocal(server.host()), Set.of(), pattern);

        assertRefusedAndNothingChanged(
                server,
                () -> service(server, server.target(app), TIMEOUT, rules).drop(DropOptions.defaults()),
                Problem.REFUSED_TARGET,
                "does not match pgreset.databaseNamePattern (.*_(test|it|dev))");
        List<String> before = server.databases();
        service(server, server.target(appIt), TIMEOUT, rules)
                .recreate(DropOptions.defaults(), CreateOptions.defaults());
        assertOnlyTargetChanged(server, before, appIt);
        assertThatThrownBy(() -> SafetyRules.namePattern(".*_(test"))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("pgreset.databaseNamePattern is not a valid regular expression");
    }

    // ---------------------------------------------------------------- connections

    @PostgresTest
    void aWrongPasswordIsRefusedWithoutShowingIt(PgServer server, TestDatabases dbs) {
        String role = dbs.createRole("app", "right-password-1", "CREATEDB");
        String chat = dbs.createUnique("chat");
        Target wrong = new Target(server.connection(role, "Wrong-Pa55word-xyz"), new DatabaseName(chat));

        assertRefusedAndNothingChanged(
                server,
                () -> service(server, wrong, TIMEOUT, server.safety(Set.of())).drop(DropOptions.defaults()),
                Problem.AUTHENTICATION,
                "refused role " + role,
                "pgreset.password");
        assertThatThrownBy(() ->
                        service(server, wrong, TIMEOUT, server.safety(Set.of())).drop(DropOptions.defaults()))
                .hasMessageNotContaining("Wrong-Pa55word-xyz");
    }

    @PostgresTest
    void anUnknownHostSaysWhichSettingToCheck(PgServer server) {
        Target nowhere = new Target(
                new ConnectionSettings(
                        List.of(new HostPort("no-such-host.invalid", 5432)), "postgres", "pw-1", null, Map.of()),
                new DatabaseName("chat"));
        assertRefusedAndNothingChanged(
                server,
                () -> service(server, nowhere, TIMEOUT, new SafetyRules(true, Set.of()))
                        .drop(DropOptions.defaults()),
                Problem.UNREACHABLE,
                "no-such-host.invalid",
                "unknown host",
                "pgreset.url");
    }

    @PostgresTest
    void aLockThatIsNeverReleasedEndsAtTheTimeoutNamingItsHolder(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        // a transaction in another database holds a lock on the database object itself
        Connection holder = dbs.keep(server.connect("postgres", "schema-tool"));
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            s.execute("COMMENT ON DATABASE " + SqlText.identifier(chat) + " IS 'being documented'");
        }

        assertRefusedAndNothingChanged(
                server,
                () -> service(server, server.target(chat), Duration.ofSeconds(2), server.safety(Set.of()))
                        .drop(DropOptions.defaults()),
                Problem.TIMEOUT,
                "pgreset.timeout (2 s)",
                "application \"schema-tool\"",
                "COMMENT ON DATABASE");
        assertThat(server.allowsConnections(chat))
                .as("connections are allowed again")
                .isTrue();
        holder.rollback();
    }

    @PostgresTest
    void aSessionEndedByTheServerMidwayIsReportedAsSuchAndLeavesTheDatabaseUsable(PgServer server, TestDatabases dbs)
            throws Exception {
        String chat = dbs.createUnique("chat");
        Connection holder = dbs.keep(server.connect("postgres", "schema-tool"));
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            s.execute("COMMENT ON DATABASE " + SqlText.identifier(chat) + " IS 'being documented'");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> drop = executor.submit(
                    () -> service(server, server.target(chat), Duration.ofSeconds(20), server.safety(Set.of()))
                            .drop(DropOptions.defaults()));
            // the plugin waits for the lock; the server ends its session as a shutdown would
            int pid = awaitPluginWaitingForLock(server);
            server.execute("SELECT pg_terminate_backend(" + pid + ")");

            assertThatThrownBy(() -> drop.get(20, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(PgResetException.class)
                    .hasMessageContaining("ended the plugin's session")
                    .hasMessageContaining("run the goal again")
                    .extracting(e -> ((PgResetException) e).problem())
                    .isEqualTo(Problem.UNREACHABLE);
        } finally {
            executor.shutdownNow();
        }
        holder.rollback();
        assertThat(server.databaseExists(chat)).isTrue();
        List<String> before = server.databases();
        service(server, chat).recreate(DropOptions.defaults(), CreateOptions.defaults());
        assertOnlyTargetChanged(server, before, chat);
    }

    private static int awaitPluginWaitingForLock(PgServer server) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<Integer> waiting = server.query(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgreset' AND wait_event_type = 'Lock'",
                    rs -> rs.getInt(1));
            if (!waiting.isEmpty()) {
                return waiting.get(0);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new AssertionError("the plugin never waited for the lock");
    }

    // ---------------------------------------------------------------- privileges

    @PostgresTest
    void aRoleThatDoesNotOwnTheDatabaseIsToldWhoDoesAndNothingIsTerminated(PgServer server, TestDatabases dbs)
            throws Exception {
        String stranger = dbs.createRole("stranger", "stranger-pw", "CREATEDB");
        server.execute("GRANT pg_signal_backend TO " + SqlText.identifier(stranger));
        String chat = dbs.createUnique("chat");
        Connection session = dbs.idleSession(chat, "psql");
        Target asStranger = new Target(server.connection(stranger, "stranger-pw"), new DatabaseName(chat));

        assertRefusedAndNothingChanged(
                server,
                () -> service(server, asStranger, TIMEOUT, server.safety(Set.of()))
                        .recreate(DropOptions.defaults(), CreateOptions.defaults()),
                Problem.PERMISSION_DENIED,
                "belongs to role " + server.user(),
                "GRANT " + SqlText.identifier(server.user()) + " TO " + SqlText.identifier(stranger),
                "Nothing was terminated");
        assertThat(PgServer.alive(session)).isTrue();
    }

    @PostgresTest(since = 13)
    void forceAsANonSuperuserFacingASuperuserSessionNamesIt(PgServer server, TestDatabases dbs) throws Exception {
        String owner = dbs.createRole("owner", "owner-pw", "CREATEDB");
        server.execute("GRANT pg_signal_backend TO " + SqlText.identifier(owner));
        String chat = dbs.createUnique("chat");
        server.execute("ALTER DATABASE " + SqlText.identifier(chat) + " OWNER TO " + SqlText.identifier(owner));
        Connection superuserSession = dbs.idleSession(chat, "dba-psql");
        Target asOwner = new Target(server.connection(owner, "owner-pw"), new DatabaseName(chat));

        assertRefusedAndNothingChanged(
                server,
                () -> service(server, asOwner, TIMEOUT, server.safety(Set.of())).drop(DropOptions.defaults()),
                Problem.PERMISSION_DENIED,
                "belongs to superuser " + server.user(),
                "only a superuser may terminate it");
        assertThat(PgServer.alive(superuserSession)).isTrue();
    }

    // ---------------------------------------------------------------- what FORCE cannot clear

    @PostgresTest
    void rollbackPreparedClearsPreparedTransactionsAndThenDrops(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        String gid = "pgreset-rollback-" + chat;
        server.prepareTransaction(chat, gid, "CREATE TABLE t (id int)");
        List<String> before = server.databases();

        DropResult dropped = service(server, chat).drop(new DropOptions(true, true, true));

        assertThat(dropped.outcome()).isEqualTo(DropResult.Outcome.DROPPED);
        assertThat(dropped.statements()).first().isEqualTo("ROLLBACK PREPARED '" + gid + "'");
        assertThat(server.query("SELECT gid FROM pg_prepared_xacts", rs -> rs.getString(1)))
                .doesNotContain(gid);
        assertOnlyTargetChanged(server, before, chat);
    }

    @PostgresTest
    void aSubscriptionIsNamedAndTheDatabaseKept(PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        String subscription = "sub_" + chat.replaceAll("\\W", "_");
        server.executeIn(
                chat,
                "CREATE SUBSCRIPTION " + subscription + " CONNECTION 'host=" + server.host() + " port=" + server.port()
                        + " dbname=postgres' PUBLICATION nothing WITH (connect = false)");
        try {
            assertRefusedAndNothingChanged(
                    server,
                    () -> service(server, chat).drop(DropOptions.defaults()),
                    Problem.DATABASE_IN_USE,
                    "subscription \"" + subscription + "\"",
                    "DROP SUBSCRIPTION");
            assertThat(server.allowsConnections(chat)).isTrue();
        } finally {
            server.executeIn(
                    chat,
                    "ALTER SUBSCRIPTION " + subscription + " SET (slot_name = NONE)",
                    "DROP SUBSCRIPTION " + subscription);
        }
    }

    @PostgresTest
    void anActiveLogicalReplicationSlotIsNamedAndTheDatabaseKept(PgServer server, TestDatabases dbs) throws Exception {
        assertThat(server.query("SHOW wal_level", rs -> rs.getString(1)))
                .as("this test needs a server started with wal_level=logical (.ci/start-postgres.sh, the embedded and"
                        + " Docker test servers have it)")
                .containsExactly("logical");
        String chat = dbs.createUnique("chat");
        String slot = "slot_" + chat.replaceAll("\\W", "_");
        server.executeIn(chat, "CREATE PUBLICATION everything FOR ALL TABLES");
        server.executeIn(chat, "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        try (LogicalConsumer consumer = LogicalConsumer.start(server, chat, slot)) {
            assertRefusedAndNothingChanged(
                    server,
                    () -> service(server, chat).drop(DropOptions.defaults()),
                    Problem.DATABASE_IN_USE,
                    "active replication slot \"" + slot + "\"",
                    "stop the consumers of replication slots");
        }
        awaitSlotInactive(server, slot);
        server.execute("SELECT pg_drop_replication_slot('" + slot + "')");
    }

    private static void awaitSlotInactive(PgServer server, String slot) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.query(
                        "SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'",
                        rs -> rs.getBoolean(1))
                .equals(List.of(false))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("slot " + slot + " stayed active");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    // ---------------------------------------------------------------- invalid databases

    @PostgresTest
    void anInvalidDatabaseIsReportedBySessionsAndRemovedByDrop(PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        server.execute("UPDATE pg_database SET datconnlimit = -2 WHERE datname = " + SqlText.literal(chat));

        SessionReport report = service(server, chat).sessions();
        assertThat(report.invalid()).isTrue();
        assertThat(report.sessions()).isEmpty();

        List<String> before = server.databases();
        DropResult dropped = service(server, chat).drop(DropOptions.defaults());
        assertThat(dropped.method()).isEqualTo(DropMethod.INVALID);
        assertThat(server.databaseExists(chat)).isFalse();
        assertOnlyTargetChanged(server, before, chat);
    }

    // ---------------------------------------------------------------- read-only

    @PostgresTest
    void aReadOnlySessionIsRefusedBeforeAnythingIsTerminated(PgServer server, TestDatabases dbs) throws Exception {
        String reader = dbs.createRole("reader", "reader-pw", "SUPERUSER");
        server.execute("ALTER ROLE " + SqlText.identifier(reader) + " SET default_transaction_read_only = on");
        String chat = dbs.createUnique("chat");
        Connection session = dbs.idleSession(chat, "psql");
        Target asReader = new Target(server.connection(reader, "reader-pw"), new DatabaseName(chat));

        assertRefusedAndNothingChanged(
                server,
                () -> service(server, asReader, TIMEOUT, server.safety(Set.of()))
                        .recreate(DropOptions.defaults(), CreateOptions.defaults()),
                Problem.UNSUPPORTED,
                "read-only",
                "default_transaction_read_only",
                "Nothing was terminated");
        assertThat(PgServer.alive(session)).isTrue();
    }

    // ---------------------------------------------------------------- load and races

    @PostgresTest
    void twentyRecreatesInARowAgainstTwoPoolsOfTenReconnectingClients(PgServer server, TestDatabases dbs)
            throws Exception {
        String chat = dbs.createUnique("chat");
        List<String> before = server.databases();
        AtomicBoolean running = new AtomicBoolean(true);
        PoolQueries queries = new PoolQueries();
        List<PoolQueries> perPool = List.of(new PoolQueries(), new PoolQueries());
        List<HikariDataSource> pools = new ArrayList<>();
        List<Thread> borrowers = new ArrayList<>();
        try {
            for (int p = 0; p < 2; p++) {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(server.jdbcUrl(chat));
                config.setUsername(server.user());
                config.setPassword(server.password());
                config.setMaximumPoolSize(10);
                config.setMinimumIdle(10);
                config.setConnectionTimeout(250);
                config.setInitializationFailTimeout(-1);
                config.setPoolName("app-pool-" + p);
                HikariDataSource pool = dbs.keep(new HikariDataSource(config));
                pools.add(pool);
                PoolQueries ofThisPool = perPool.get(p);
                for (int t = 0; t < 10; t++) {
                    Thread borrower = new Thread(() -> borrow(pool, running, queries, ofThisPool));
                    borrower.setDaemon(true);
                    borrower.start();
                    borrowers.add(borrower);
                }
            }
            // each pool past its first connection's checks (HikariCP #887: terminated there, a pool stays broken)
            perPool.get(0).awaitAtLeast(10, "of the first pool");
            perPool.get(1).awaitAtLeast(10, "of the second pool");
            for (int i = 0; i < 20; i++) {
                RecreateResult result =
                        service(server, chat).recreate(DropOptions.defaults(), CreateOptions.defaults());
                assertThat(result.drop().outcome()).as("recreate " + (i + 1)).isEqualTo(DropResult.Outcome.DROPPED);
                assertThat(server.databaseExists(chat)).isTrue();
                queries.awaitAtLeast(queries.count() + 1, "after recreate " + (i + 1));
            }
        } finally {
            running.set(false);
            for (Thread borrower : borrowers) {
                borrower.join(TimeUnit.SECONDS.toMillis(10));
            }
            pools.forEach(HikariDataSource::close);
        }
        assertOnlyTargetChanged(server, before, chat);
    }

    private static void borrow(
            HikariDataSource pool, AtomicBoolean running, PoolQueries queries, PoolQueries ofThisPool) {
        while (running.get()) {
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                queries.ran();
                ofThisPool.ran();
            } catch (SQLException e) {
                // terminated, refused, or the database is being recreated: the pool connects again
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    @PostgresTest
    void fourBuildsRecreatingTheSameDatabaseAtOnceTakeTurns(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        dbs.idleSession(chat, "psql");
        List<String> before = server.databases();
        int builds = 4;
        CyclicBarrier start = new CyclicBarrier(builds);
        ConcurrentLinkedQueue<String> waited = new ConcurrentLinkedQueue<>();
        ExecutorService executor = Executors.newFixedThreadPool(builds);
        try {
            List<Future<RecreateResult>> results = new ArrayList<>();
            for (int b = 0; b < builds; b++) {
                results.add(executor.submit(() -> {
                    ResetService service = new ResetService(
                            new ResetSettings(server.target(chat), TIMEOUT, false, server.safety(Set.of())),
                            new ProgressListener() {
                                @Override
                                public void info(String message) {
                                    if (message.startsWith("Waiting for another pgreset goal")) {
                                        waited.add(message);
                                    }
                                }

                                @Override
                                public void debug(String message) {}
                            });
                    start.await(10, TimeUnit.SECONDS);
                    return service.recreate(DropOptions.defaults(), CreateOptions.defaults());
                }));
            }
            for (Future<RecreateResult> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS).drop().outcome()).isEqualTo(DropResult.Outcome.DROPPED);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(server.databaseExists(chat)).isTrue();
        assertThat(waited)
                .as("goals that found another one at work and waited for it")
                .isNotEmpty()
                .allMatch(m -> m.contains("\"" + chat + "\""));
        assertOnlyTargetChanged(server, before, chat);
    }

    @PostgresTest
    void twoHundredFiftyIdleSessionsAreTerminatedTogether(PgServer server, TestDatabases dbs) throws Exception {
        String chat = dbs.createUnique("chat");
        String other = dbs.createUnique("other");
        Connection bystander = dbs.idleSession(other, "bystander");
        ExecutorService opener = Executors.newFixedThreadPool(16);
        try {
            List<Future<Connection>> sessions = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                sessions.add(opener.submit(() -> dbs.idleSession(chat, "idle-app")));
            }
            for (Future<Connection> session : sessions) {
                session.get(60, TimeUnit.SECONDS);
            }
        } finally {
            opener.shutdownNow();
        }
        List<String> before = server.databases();

        TerminateResult result = service(server, chat).terminate();

        assertThat(result.terminated()).hasSize(250);
        assertThat(server.query(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = " + SqlText.literal(chat),
                        rs -> rs.getInt(1)))
                .containsExactly(0);
        assertThat(PgServer.alive(bystander))
                .as("a session on another database")
                .isTrue();
        assertOnlyTargetChanged(server, before, chat);
    }
}
