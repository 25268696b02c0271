package io.github.pgreset.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreateResult;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.testing.PgBouncers;
import io.github.pgreset.testing.PgBouncers.Mode;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.PostgresTest;
import io.github.pgreset.testing.ReconnectingClient;
import io.github.pgreset.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * PgBouncer, from Debian's package, both ways round: pgreset.url on PgBouncer (session pooling works; transaction
 * pooling is refused before anything changes), and applications whose clients connect through PgBouncer while pgreset
 * resets their database on the server.
 */
class PgBouncerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ResetService service(PgServer via, String database) {
        return new ResetService(
                new ResetSettings(via.target(database), TIMEOUT, false, via.safety(Set.of())),
                ProgressListener.silent());
    }

    private static long oid(PgServer server, String database) {
        return server.query(
                        "SELECT oid FROM pg_database WHERE datname = " + SqlText.literal(database), rs -> rs.getLong(1))
                .get(0);
    }

    @PostgresTest
    void everyGoalWorksWithTheUrlOnPgBouncerInSessionMode(PgServer server, TestDatabases dbs) throws Exception {
        PgServer bouncer = PgBouncers.inFrontOf(server, Mode.SESSION);
        String chat = dbs.createUnique("chat");
        dbs.dropAtEnd(chat + "_snapshot");
        dbs.dropAtEnd(chat + "_next");
        dbs.dropAtEnd(chat + "_pgreset_old");
        server.executeIn(chat, "CREATE TABLE message (id int)");
        long before = oid(server, chat);
        try (Connection idle = bouncer.connect(chat, "app-behind-pgbouncer")) {
            assertThat(service(bouncer, chat).sessions().sessions())
                    .extracting(Session::applicationName)
                    .contains("app-behind-pgbouncer");

            RecreateResult recreated =
                    service(bouncer, chat).recreate(DropOptions.defaults(), CreateOptions.defaults());

            assertThat(recreated.drop().outcome()).isEqualTo(DropResult.Outcome.DROPPED);
            assertThat(PgServer.alive(idle)).isFalse();
        }
        assertThat(oid(server, chat)).isNotEqualTo(before);
        assertThat(server.hasTable(chat, "message")).isFalse();

        server.executeIn(chat, "CREATE TABLE migrated (id int)");
        service(bouncer, chat).snapshot(SnapshotOptions.DEFAULTS);
        server.executeIn(chat, "CREATE TABLE written_by_tests (id int)");
        assertThat(service(bouncer, chat)
                        .restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS)
                        .swapped())
                .isTrue();
        assertThat(server.hasTable(chat, "migrated")).isTrue();
        assertThat(server.hasTable(chat, "written_by_tests")).isFalse();
    }

    @PostgresTest
    void transactionPoolingIsRefusedBeforeAnythingChanges(PgServer server, TestDatabases dbs) {
        PgServer bouncer = PgBouncers.inFrontOf(server, Mode.TRANSACTION);
        String chat = dbs.createUnique("chat");
        long before = oid(server, chat);

        assertThatThrownBy(() -> service(bouncer, chat).recreate(DropOptions.defaults(), CreateOptions.defaults()))
                .isInstanceOf(PgResetException.class)
                .hasMessageStartingWith("pgreset.url points at a connection pooler at " + bouncer.host() + ":"
                        + bouncer.port() + " (PgBouncer or alike)")
                .hasMessageContaining("pool_mode=transaction or statement")
                .hasMessageContaining("Point pgreset.url at the PostgreSQL server itself");

        assertThat(oid(server, chat)).as("the database was not touched").isEqualTo(before);
    }

    @PostgresTest
    void clientsBehindPgBouncerInSessionModeComeBackAfterEachRecreate(PgServer server, TestDatabases dbs) {
        recreateWhileClientsReconnectThrough(PgBouncers.inFrontOf(server, Mode.SESSION), server, dbs);
    }

    @PostgresTest
    void clientsBehindPgBouncerInTransactionModeComeBackAfterEachRecreate(PgServer server, TestDatabases dbs) {
        recreateWhileClientsReconnectThrough(PgBouncers.inFrontOf(server, Mode.TRANSACTION), server, dbs);
    }

    /**
     * pgreset on the server itself; the application's clients go through PgBouncer and reconnect the moment they can
     * (in transaction mode PgBouncer keeps their connections and gives them new server sessions). After each recreate
     * they are served again, by the new database.
     */
    private static void recreateWhileClientsReconnectThrough(PgServer bouncer, PgServer server, TestDatabases dbs) {
        String chat = dbs.createUnique("chat");
        try (ReconnectingClient clients = new ReconnectingClient(bouncer, chat, 4)) {
            clients.awaitConnections(4);
            for (int i = 1; i <= 3; i++) {
                long before = oid(server, chat);
                RecreateResult recreated =
                        service(server, chat).recreate(DropOptions.defaults(), CreateOptions.defaults());
                assertThat(recreated.drop().outcome()).as("recreate %d", i).isEqualTo(DropResult.Outcome.DROPPED);
                assertThat(oid(server, chat)).isNotEqualTo(before);
                // more than the four threads could have had under way on the old database
                clients.awaitQueries(clients.queries() + 5);
            }
        }
        awaitQueryThrough(bouncer, chat);
    }

    /** PgBouncer serves the new database again (its pool found its old server sessions gone). */
    private static void awaitQueryThrough(PgServer bouncer, String database) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = bouncer.connect(database, "after-recreate");
                    Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                last = e;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        throw new AssertionError("PgBouncer did not serve " + database + " again within 20 s", last);
    }
}
