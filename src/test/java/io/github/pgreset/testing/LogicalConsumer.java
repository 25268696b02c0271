package io.github.pgreset.testing;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/**
 * A logical replication consumer, as Debezium or a subscriber would run one: it streams from a slot (pgoutput) over a
 * replication connection, which makes the slot active. DROP DATABASE ... WITH (FORCE) cannot clear that.
 */
public final class LogicalConsumer implements AutoCloseable {
    private final Connection connection;
    private final PGReplicationStream stream;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    private LogicalConsumer(Connection connection, PGReplicationStream stream) {
        this.connection = connection;
        this.stream = stream;
        this.reader = new Thread(this::read, "logical-consumer");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts streaming from {@code slot} (created with pgoutput, publication "everything") and waits until active. */
    public static LogicalConsumer start(PgServer server, String database, String slot) throws SQLException {
        Properties props = new Properties();
        PGProperty.USER.set(props, server.user());
        if (server.password() != null) {
            PGProperty.PASSWORD.set(props, server.password());
        }
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        Connection connection = new org.postgresql.Driver().connect(server.jdbcUrl(database), props);
        PGReplicationStream stream = connection
                .unwrap(PGConnection.class)
                .getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(slot)
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", "everything")
                .start();
        LogicalConsumer consumer = new LogicalConsumer(connection, stream);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.query(
                        "SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'",
                        rs -> rs.getBoolean(1))
                .equals(List.of(true))) {
            if (System.nanoTime() > deadline) {
                consumer.close();
                throw new AssertionError("slot " + slot + " did not become active");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return consumer;
    }

    private void read() {
        while (running.get()) {
            try {
                ByteBuffer message = stream.readPending();
                if (message == null) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            } catch (SQLException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        running.set(false);
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stream.close();
        } finally {
            connection.close();
        }
    }
}
