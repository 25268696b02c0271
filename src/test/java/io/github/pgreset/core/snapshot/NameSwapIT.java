package io.github.pgreset.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.PostgresTest;
import io.github.pgreset.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The two ways restore's swap gives way to other sessions while it holds back new connections ({@code LOCK
 * pg_database}, superusers): it goes on without that lock when another transaction holds pg_database, and it tries
 * again when a lock it needs is held while it holds pg_database.
 */
class NameSwapIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The target with a table saying "old", and a closed copy with a table saying "fresh". */
    private static NameSwap prepare(PgServer server, TestDatabases dbs) {
        String target = dbs.createUnique("swap");
        String copy = dbs.createUnique("swap_copy");
        String aside = dbs.uniqueName("swap_old");
        server.executeIn(target, "CREATE TABLE old (id int)");
        server.executeIn(copy, "CREATE TABLE fresh (id int)");
        server.execute("ALTER DATABASE " + SqlText.identifier(copy) + " ALLOW_CONNECTIONS false");
        return new NameSwap(
                new DatabaseName(target), new DatabaseName(copy), new DatabaseName(aside), "pgreset: test", true);
    }

    private static MaintenanceConnection connect(PgServer server, NameSwap swap) {
        return MaintenanceConnection.open(
                server.target(swap.target().value()), Deadline.after(TIMEOUT), ProgressListener.silent());
    }

    private static void assertSwapped(PgServer server, NameSwap swap) {
        assertThat(server.hasTable(swap.target().value(), "fresh")).isTrue();
        assertThat(server.allowsConnections(swap.target().value())).isTrue();
        assertThat(server.databaseExists(swap.aside().value())).isTrue();
        assertThat(server.databaseExists(swap.copy().value())).isFalse();
    }

    @PostgresTest
    void aTransactionThatReadPgDatabaseDoesNotHoldTheSwapUp(PgServer server, TestDatabases dbs) throws Exception {
        NameSwap swap = prepare(server, dbs);
        try (Connection reader = dbs.keep(server.connect("postgres", "catalog-reader"));
                Statement s = reader.createStatement();
                MaintenanceConnection connection = connect(server, swap)) {
            reader.setAutoCommit(false);
            s.execute("SELECT count(*) FROM pg_database"); // holds ACCESS SHARE on pg_database until it ends

            long start = System.nanoTime();
            swap.execute(connection);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertSwapped(server, swap);
            assertThat(PgServer.alive(reader)).as("the reader's transaction").isTrue();
            // it waited for pg_database no longer than it may, then swapped without it: far within the goal's timeout
            assertThat(millis).isLessThan(TIMEOUT.toMillis() / 2);
            reader.rollback();
        }
    }

    @PostgresTest
    void holdingPgDatabaseTheSwapGivesWayToAnotherLockAndTriesAgain(PgServer server, TestDatabases dbs)
            throws Exception {
        NameSwap swap = prepare(server, dbs);
        try (Connection holder = dbs.keep(server.connect("postgres", "lock-holder"));
                Statement s = holder.createStatement();
                MaintenanceConnection connection = connect(server, swap)) {
            long oid = server.query(
                            "SELECT oid FROM pg_database WHERE datname = "
                                    + SqlText.literal(swap.target().value()),
                            rs -> rs.getLong(1))
                    .get(0);
            // opened now: while the swap holds pg_database, no new connection gets in (that is the point of it)
            Connection observer = dbs.keep(server.connect("postgres", "observer"));
            holder.setAutoCommit(false);
            // a lock on the target database itself (not on pg_database), as a backend starting up there holds one
            s.execute("COMMENT ON DATABASE " + swap.target().sql() + " IS 'held'");

            CompletableFuture<Void> swapping = CompletableFuture.runAsync(() -> {
                try {
                    swap.execute(connection);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // hold the lock for 5 times the swap's lock timeout after the swap first waits for it: a swap that did not
            // try again would have failed with lock_not_available by then
            awaitWaitingFor(observer, oid);
            long heldSince = System.nanoTime();
            while (System.nanoTime() - heldSince
                    < NameSwap.SWAP_WAIT.multipliedBy(5).toNanos()) {
                assertThat(swapping).isNotDone();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            holder.commit();

            swapping.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertSwapped(server, swap);
        }
    }

    /**
     * Until a session waits for a lock on the database (the swap's RENAME), or fails after 10 s. Asked of pg_locks
     * alone, on a connection opened before: pg_database itself is locked while the swap waits.
     */
    private static void awaitWaitingFor(Connection observer, long databaseOid) throws java.sql.SQLException {
        String sql = "SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'object' AND classid = 1262"
                + " AND objid = " + databaseOid + " AND NOT granted";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Statement s = observer.createStatement()) {
            while (true) {
                try (java.sql.ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "The swap never waited for the lock on database oid " + databaseOid + " within 10 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }
}
