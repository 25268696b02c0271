package io.github.pgreset.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.util.PSQLException;

/**
 * The client that breaks naive resets: threads that hold a connection to a database, and the moment it is
 * terminated (or refused) connect again, pausing only a millisecond between attempts, like an eager pool.
 */
public final class ReconnectingClient implements AutoCloseable {
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final PgServer server;
    private final String database;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger queries = new AtomicInteger();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final Thread[] threads;

    public ReconnectingClient(PgServer server, String database, int threadCount) {
        this.server = server;
        this.database = database;
        this.threads = new Thread[threadCount];
        for (int i = 0; i < threadCount; i++) {
            threads[i] = new Thread(this::loop, "reconnecting-client-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** How many connections the threads have opened so far. */
    public int connections() {
        return connections.get();
    }

    /**
     * The key of a client that asked for the database while a swap renamed another one into its name: PostgreSQL looks
     * the name up, waits for the database's lock, which the rename holds until it commits, finds the name on another
     * database and refuses with 3D000 and the detail "It seems to have just been dropped or renamed.". Whatever a
     * reset does, a client in the middle of connecting at that instant can meet it. A name truly missing gives 3D000
     * without that detail.
     */
    public static final String RENAMED_WHILE_CONNECTING = "3D000 renamed while connecting";

    /**
     * How often connecting or querying failed, by SQLSTATE (3D000: the database did not exist), the refusal of a
     * database renamed while the client connected apart ({@link #RENAMED_WHILE_CONNECTING}).
     */
    public Map<String, Integer> failures() {
        Map<String, Integer> counts = new TreeMap<>();
        refusals.forEach((state, count) -> counts.put(state, count.get()));
        return counts;
    }

    /** How many queries the threads have run so far. */
    public int queries() {
        return queries.get();
    }

    /** Waits until at least {@code count} connections have been opened, or fails after 10 seconds. */
    public void awaitConnections(int count) {
        await(connections, count, "opened only %d of %d connections");
    }

    /** Waits until at least {@code count} queries have run, or fails after 10 seconds. */
    public void awaitQueries(int count) {
        await(queries, count, "ran only %d of %d queries");
    }

    private void await(AtomicInteger counter, int count, String shortfall) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The reconnecting client " + shortfall.formatted(counter.get(), count) + " on "
                        + database + " within 10 s; failures by SQLSTATE: " + failures());
            }
            LockSupport.parkNanos(RETRY_PAUSE_NANOS);
        }
    }

    private void loop() {
        while (running.get()) {
            try (Connection c = server.connect(database, "reconnecting-client");
                    Statement s = c.createStatement()) {
                connections.incrementAndGet();
                while (running.get()) {
                    s.execute("SELECT 1");
                    queries.incrementAndGet();
                    LockSupport.parkNanos(RETRY_PAUSE_NANOS);
                }
            } catch (SQLException e) {
                // terminated, refused or the database is gone: connect again at once
                refusals.computeIfAbsent(failure(e), state -> new AtomicInteger())
                        .incrementAndGet();
                LockSupport.parkNanos(RETRY_PAUSE_NANOS);
            }
        }
    }

    private static String failure(SQLException e) {
        if ("3D000".equals(e.getSQLState())
                && e instanceof PSQLException psql
                && psql.getServerErrorMessage() != null
                && String.valueOf(psql.getServerErrorMessage().getDetail()).contains("just been dropped or renamed")) {
            return RENAMED_WHILE_CONNECTING;
        }
        return String.valueOf(e.getSQLState());
    }

    @Override
    public void close() {
        running.set(false);
        try {
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
