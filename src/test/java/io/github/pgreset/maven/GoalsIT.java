package io.github.pgreset.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.PostgresTest;
import io.github.pgreset.testing.ReconnectingClient;
import io.github.pgreset.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.configuration.DefaultPlexusConfiguration;

/** Each goal as Maven configures and runs it (Plugin Testing Harness), against every test server. */
@MojoTest
class GoalsIT {
    private static final String POM = "src/test/resources/projects/basic/pom.xml";

    /** Configures a goal as -Dpgreset.url=... -Dpgreset.username=... -Dpgreset.password=... would. */
    private static CapturingLog configure(AbstractPgResetMojo mojo, PgServer server, String database) throws Exception {
        setVariableValueToObject(mojo, "url", server.jdbcUrl(database));
        setVariableValueToObject(mojo, "username", server.user());
        setVariableValueToObject(mojo, "password", passwordConfiguration(server.password()));
        setVariableValueToObject(mojo, "timeout", 30);
        setVariableValueToObject(
                mojo, "allowRemote", !io.github.pgreset.core.connection.SafetyRules.isLocal(server.host()));
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        return log;
    }

    /** {@code <password>...</password>} as Maven hands it to the goal: raw configuration. */
    private static DefaultPlexusConfiguration passwordConfiguration(String password) {
        DefaultPlexusConfiguration configuration = new DefaultPlexusConfiguration("password");
        configuration.setValue(password);
        return configuration;
    }

    @PostgresTest
    void sessionsPrintsTheTableAndASummary(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "sessions", pom = POM) SessionsMojo mojo)
            throws Exception {
        String chat = dbs.createUnique("chat");
        dbs.idleSession(chat, "psql");
        dbs.idleSession(chat, "pgcli");
        CapturingLog log = configure(mojo, server, chat);

        mojo.execute();

        assertThat(log.lines()).anyMatch(l -> l.matches("\\[INFO]\\s+pid \\| user .*\\| application .*\\| query"));
        assertThat(log.lines()).anyMatch(l -> l.contains("| psql "));
        assertThat(log.lines())
                .anyMatch(l -> l.startsWith("[INFO] 2 sessions on \"" + chat + "\": 2 idle (" + server.host() + ":"
                        + server.port() + ", PostgreSQL " + server.version() + ")"));
    }

    @PostgresTest
    void terminateLogsWhatItEnded(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "terminate", pom = POM) TerminateMojo mojo)
            throws Exception {
        String chat = dbs.createUnique("chat");
        dbs.idleSession(chat, "psql");
        CapturingLog log = configure(mojo, server, chat);

        mojo.execute();

        assertThat(log.text())
                .contains("Terminated 1 session on \"" + chat + "\"")
                .containsPattern("pid \\d+ \\(user " + server.user() + ", application \"psql\", from ");
    }

    @PostgresTest
    void dropRemovesTheDatabase(PgServer server, TestDatabases dbs, @InjectMojo(goal = "drop", pom = POM) DropMojo mojo)
            throws Exception {
        String chat = dbs.createUnique("chat");
        dbs.idleSession(chat, "psql");
        CapturingLog log = configure(mojo, server, chat);

        mojo.execute();

        assertThat(server.databaseExists(chat)).isFalse();
        assertThat(log.text()).contains("Dropped database \"" + chat + "\" on ").contains(", 1 session terminated).");
    }

    @PostgresTest
    void recreateThreeTimesInARowAgainstAReconnectingClient(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "recreate", pom = POM) RecreateMojo mojo)
            throws Exception {
        String chat = dbs.createUnique("chat");
        dbs.idleSession(chat, "psql-1");
        dbs.idleSession(chat, "psql-2");
        dbs.idleSession(chat, "psql-3");
        CapturingLog log = configure(mojo, server, chat);
        try (ReconnectingClient client = new ReconnectingClient(server, chat, 1)) {
            client.awaitConnections(1);
            for (int i = 0; i < 3; i++) {
                server.executeIn(chat, "CREATE TABLE leftover (id int)");
                mojo.execute();
                assertThat(server.databaseExists(chat)).isTrue();
            }
        }
        assertThat(log.lines())
                .filteredOn(l -> l.startsWith("[INFO] Recreated database \"" + chat + "\""))
                .hasSize(3)
                .allMatch(l -> l.matches(".* in \\d+ ms \\(.*\\)\\."));
        assertThat(server.hasTable(chat, "leftover")).isFalse();
    }

    @PostgresTest
    void reportFileDescribesWhatRecreateDid(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "recreate", pom = POM) RecreateMojo mojo)
            throws Exception {
        String chat = dbs.createUnique("chat");
        dbs.idleSession(chat, "psql");
        configure(mojo, server, chat);
        Path report = Files.createTempDirectory("pgreset-report").resolve("reports/recreate.json");
        setVariableValueToObject(mojo, "reportFile", report.toFile());

        mojo.execute();

        String json = Files.readString(report);
        assertThat(json)
                .contains("\"goal\" : \"recreate\"", "\"outcome\" : \"succeeded\"", "\"database\" : \"" + chat + "\"")
                .contains("\"server\" : \"" + server.host() + ":" + server.port() + "\"")
                .contains("\"serverVersion\" : \"" + server.version() + "\"")
                .contains("\"application\" : \"psql\"", "\"terminated\" : 1", "\"dropped\" : true")
                .contains("\"created\" : true", "CREATE DATABASE")
                .containsPattern("\"method\" : \"[^\"]+\"")
                .containsPattern("\"millis\" : \\d+");
    }

    @PostgresTest
    void reportFileRecordsAFailure(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "drop", pom = POM) DropMojo mojo) throws Exception {
        configure(mojo, server, "postgres");
        Path report = Files.createTempFile("pgreset-report", ".json");
        setVariableValueToObject(mojo, "reportFile", report.toFile());

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

        assertThat(Files.readString(report))
                .contains("\"goal\" : \"drop\"", "\"outcome\" : \"failed\"", "\"dropped\" : false")
                .contains("\"error\" : \"Refusing to drop database \\\"postgres\\\"");
        assertThat(server.databaseExists("postgres")).isTrue();
    }

    @PostgresTest
    void snapshotThenRestoreLogsTheTimeUntilTheDatabaseIsFresh(
            PgServer server,
            TestDatabases dbs,
            @InjectMojo(goal = "snapshot", pom = POM) SnapshotMojo snapshot,
            @InjectMojo(goal = "restore", pom = POM) RestoreMojo restore)
            throws Exception {
        String chat = databaseWithSnapshot(dbs);
        server.executeIn(chat, "CREATE TABLE migrated (id int)");
        CapturingLog snapshotLog = configure(snapshot, server, chat);
        CapturingLog restoreLog = configure(restore, server, chat);

        snapshot.execute();
        // the snapshot's build ends only when its next copy is made; this harness has no build to end
        awaitNextCopy(server, chat + "_next");
        server.executeIn(chat, "CREATE TABLE written_by_tests (id int)");
        restore.execute();

        assertThat(snapshotLog.text())
                .contains("Saved database \"" + chat + "\"")
                .contains("as snapshot \"" + chat + "_snapshot\"");
        assertThat(restoreLog.lines())
                .anyMatch(l -> l.matches("\\[INFO] Restored database \"" + chat + "\" on \\S+ from \"" + chat
                        + "_snapshot\" in \\d+ ms \\(prepared copy swapped in, 0 sessions terminated\\)\\."));
        assertThat(server.hasTable(chat, "migrated")).isTrue();
        assertThat(server.hasTable(chat, "written_by_tests")).isFalse();
        // a JVM that stays up with no build ending (an IDE, a daemon, this harness): the next copy is made all the same
        awaitNextCopy(server, chat + "_next");
    }

    @PostgresTest
    void aPoolOfTenIsOneLineInTheLog(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "recreate", pom = POM) RecreateMojo mojo)
            throws Exception {
        String chat = dbs.createUnique("chat");
        dbs.idleSession(chat, "psql");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(chat));
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.addDataSourceProperty("ApplicationName", "chat-app");
        config.setMinimumIdle(10);
        config.setMaximumPoolSize(10);
        config.setInitializationFailTimeout(-1);
        dbs.keep(new HikariDataSource(config));
        server.awaitSessions(chat, "chat-app", 10);
        CapturingLog log = configure(mojo, server, chat);

        mojo.execute();

        assertThat(log.lines().stream().filter(l -> l.startsWith("[INFO] Terminated ")))
                .hasSize(2)
                .anyMatch(l -> l.matches("\\[INFO] Terminated 10 sessions \\(user " + server.user()
                        + ", application \"chat-app\", from \\S+\\): pids \\d+(, \\d+){9}"))
                .anyMatch(l -> l.matches("\\[INFO] Terminated pid \\d+ \\(user " + server.user()
                        + ", application \"psql\", from \\S+\\)"));
        assertThat(log.lines())
                .anyMatch(l -> l.startsWith("[INFO] Recreated database \"" + chat + "\"")
                        && l.endsWith(", 11 sessions terminated)."));
    }

    @PostgresTest
    void restoreDryRunListsTheSessionsItWouldEndAndSnapshotSaysWhatItReplaces(
            PgServer server,
            TestDatabases dbs,
            @InjectMojo(goal = "snapshot", pom = POM) SnapshotMojo snapshot,
            @InjectMojo(goal = "restore", pom = POM) RestoreMojo restore)
            throws Exception {
        String chat = databaseWithSnapshot(dbs);
        CapturingLog snapshotLog = configure(snapshot, server, chat);
        snapshot.execute();
        snapshot.execute();
        Connection psql = dbs.idleSession(chat, "psql");
        CapturingLog restoreLog = configure(restore, server, chat);
        setVariableValueToObject(restore, "dryRun", true);

        restore.execute();

        assertThat(snapshotLog.lines())
                .filteredOn(l -> l.startsWith("[INFO] Saved database \"" + chat + "\""))
                .hasSize(2)
                .first()
                .matches(l -> !l.contains("replacing"));
        assertThat(snapshotLog.lines())
                .anyMatch(l -> l.matches(
                        ".*\\), replacing the snapshot taken at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d; the "
                                + "next restore swaps in .*"));
        assertThat(restoreLog.lines())
                .anyMatch(l -> l.startsWith("[INFO] [dry run] Would restore \"" + chat + "\"")
                        && l.endsWith(", terminating 1 session:"))
                .anyMatch(l -> l.matches("\\[INFO] \\[dry run]   pid \\d+ \\(user .*, application \"psql\", .*\\)"));
        assertThat(psql.isValid(2)).isTrue();
    }

    @PostgresTest
    void severalDatabasesNeedNoDatabaseInTheUrl(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "recreate", pom = POM) RecreateMojo mojo)
            throws Exception {
        String fork = dbs.createUnique("fork");
        CapturingLog log = configure(mojo, server, fork);
        setVariableValueToObject(mojo, "url", "jdbc:postgresql://" + server.host() + ":" + server.port() + "/");
        setVariableValueToObject(mojo, "databases", List.of(fork));

        mojo.execute();

        assertThat(log.lines())
                .anyMatch(l -> l.startsWith("[INFO] Recreated database \"" + fork + "\""))
                .anyMatch(
                        l -> l.matches("\\[INFO] pgreset:recreate on 1 database in \\d+ ms: 1 succeeded, 0 failed\\."));
    }

    /** A new database whose snapshot, prepared copy and replaced database are dropped after the test. */
    private static String databaseWithSnapshot(TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        for (String suffix : List.of("_snapshot", "_next", "_pgreset_old")) {
            dbs.dropAtEnd(chat + suffix);
        }
        return chat;
    }

    /**
     * Waits until {@code <database>_next} is the finished copy of the snapshot {@code <database>_snapshot} is now (a
     * copy of a snapshot it replaced is not).
     */
    private static void awaitNextCopy(PgServer server, String copy) {
        String snapshot = copy.substring(0, copy.length() - "_next".length()) + "_snapshot";
        long snapshotOid = server.query(
                        "SELECT oid FROM pg_database WHERE datname = " + SqlText.literal(snapshot), rs -> rs.getLong(1))
                .get(0);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!server.query(
                        "SELECT count(*) FROM pg_database WHERE datname = " + SqlText.literal(copy)
                                + " AND shobj_description(oid, 'pg_database') = "
                                + SqlText.literal(Marks.copy(snapshotOid)),
                        rs -> rs.getInt(1))
                .equals(List.of(1))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The next copy " + copy + " was not made within 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @PostgresTest
    void recreateOnSeveralDatabasesReportsEachAndFailsListingTheFailures(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "recreate", pom = POM) RecreateMojo mojo)
            throws Exception {
        String one = dbs.createUnique("fork");
        String two = dbs.createUnique("fork");
        CapturingLog log = configure(mojo, server, one);
        setVariableValueToObject(mojo, "databases", List.of(one, "template1", two));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("1 of 3 databases failed:")
                .hasMessageContaining("\"template1\": Refusing to drop database \"template1\"");

        assertThat(log.lines())
                .anyMatch(l -> l.startsWith("[INFO] Recreated database \"" + one + "\""))
                .anyMatch(l -> l.startsWith("[INFO] Recreated database \"" + two + "\""))
                .anyMatch(l ->
                        l.matches("\\[INFO] pgreset:recreate on 3 databases in \\d+ ms: 2 succeeded, 1 failed\\."));
    }

    @PostgresTest
    void skipTouchesNothingAndSaysSo(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "drop", pom = POM) DropMojo mojo) throws Exception {
        String chat = dbs.createUnique("chat");
        CapturingLog log = configure(mojo, server, chat);
        setVariableValueToObject(mojo, "skip", true);

        mojo.execute();

        // set as the POM sets it (the harness has no command line)
        assertThat(log.lines()).containsExactly("[INFO] Skipping pgreset:drop because its <skip> is true in the POM.");
        assertThat(server.databaseExists(chat)).isTrue();
    }

    @PostgresTest
    void dryRunPrintsThePlanAndChangesNothing(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "recreate", pom = POM) RecreateMojo mojo)
            throws Exception {
        String chat = dbs.createUnique("chat");
        Connection psql = dbs.idleSession(chat, "psql");
        dbs.idleSession(chat, "pgcli");
        CapturingLog log = configure(mojo, server, chat);
        setVariableValueToObject(mojo, "dryRun", true);
        Path report = Files.createTempFile("pgreset-report", ".json");
        setVariableValueToObject(mojo, "reportFile", report.toFile());

        mojo.execute();

        assertThat(log.lines())
                .filteredOn(l -> l.startsWith("[INFO] [dry run]   pid "))
                .hasSize(2)
                .anyMatch(l -> l.contains("application \"psql\""))
                .anyMatch(l -> l.contains("application \"pgcli\""));
        assertThat(Files.readString(report))
                .contains("\"dryRun\" : true", "\"terminated\" : 0", "\"wouldTerminate\" : 2")
                .contains("\"dropped\" : false", "\"created\" : false");
        assertThat(log.text())
                .contains("[dry run] Would drop database \"" + chat + "\"")
                .contains("), terminating 2 sessions:")
                .contains("[dry run]   DROP DATABASE IF EXISTS \"" + chat + "\"")
                .contains("[dry run] Would create it again: CREATE DATABASE \"" + chat + "\";");
        assertThat(psql.isValid(2)).isTrue();
        assertThat(server.databaseExists(chat)).isTrue();
    }

    @PostgresTest
    void protectedNamesFailTheBuildWithTheReason(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "drop", pom = POM) DropMojo mojo) throws Exception {
        String shared = dbs.createUnique("shared");
        Connection psql = dbs.idleSession(shared, "psql");
        configure(mojo, server, "postgres");
        List<String> before = server.databases();

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Refusing to drop database \"postgres\"");
        configure(mojo, server, shared);
        setVariableValueToObject(mojo, "protectedDatabases", List.of("billing", shared));
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Refusing to drop database \"" + shared + "\" on ")
                .hasMessageContaining("it is listed in pgreset.protectedDatabases");
        assertThat(server.databases()).isEqualTo(before);
        assertThat(psql.isValid(2)).as("nothing was terminated").isTrue();
    }

    @PostgresTest
    void aRemoteHostIsRefusedBeforeConnecting(
            PgServer server, @InjectMojo(goal = "recreate", pom = POM) RecreateMojo mojo) throws Exception {
        configure(mojo, server, "chat");
        setVariableValueToObject(mojo, "url", "jdbc:postgresql://db.example.com:5432/chat");
        setVariableValueToObject(mojo, "allowRemote", false);
        setVariableValueToObject(mojo, "password", passwordConfiguration("Remote-only-9f2c"));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Refusing to connect to db.example.com:5432: it is not this machine")
                .hasMessageContaining("pgreset.allowRemote=true")
                .hasMessageNotContaining("Remote-only-9f2c");
    }

    @PostgresTest
    void serverIdAndUsernameTogetherAreRefused(
            PgServer server, TestDatabases dbs, @InjectMojo(goal = "sessions", pom = POM) SessionsMojo mojo)
            throws Exception {
        configure(mojo, server, dbs.createUnique("chat"));
        setVariableValueToObject(mojo, "serverId", "local-postgres");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Use one or the other");
    }
}
