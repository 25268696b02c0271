package io.github.pgreset.core.connection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The plugin's one connection, to the maintenance database, in autocommit. Every statement is bounded by what is
 * left of the goal's deadline, and every SQLException leaves here as a {@link PgResetException} that says where.
 */
public final class MaintenanceConnection implements AutoCloseable {
    static final String DEFAULT_MAINTENANCE_DATABASE = "postgres";
    static final String FALLBACK_MAINTENANCE_DATABASE = "template1";

    private final Connection jdbc;
    private final Target target;
    private final String database;
    private final ServerVersion version;
    private final boolean superuser;
    private final Deadline deadline;
    /** Whether closing this ends the server session: not for a {@link #lease}. */
    private final boolean ownsSession;
    /** Set by {@link #stop} (the JVM is shutting down): no statement is sent any more but {@link #executeUndo}'s. */
    private volatile boolean stopped;
    /** What the goal put back after {@link #stop}, for the one line the {@code StopGuard} prints. */
    private final List<String> putBack = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Removed when the connection closes; {@code null} for a connection that changes nothing. */
    private AutoCloseable guard;

    private MaintenanceConnection(Connection jdbc, Target target, String database, Deadline deadline) {
        this(jdbc, target, database, deadline, true);
    }

    private MaintenanceConnection(
            Connection jdbc, Target target, String database, Deadline deadline, boolean ownsSession) {
        this.jdbc = jdbc;
        this.target = target;
        this.database = database;
        this.deadline = deadline;
        this.ownsSession = ownsSession;
        PGConnection pg = (PGConnection) jdbc;
        this.version = ServerVersion.parse(pg.getParameterStatus("server_version"));
        this.superuser = "on".equals(pg.getParameterStatus("is_superuser"));
    }

    /**
     * Connects to pgreset.maintenanceDatabase, or to postgres and, when that database does not exist, to template1
     * (as dropdb does).
     */
    public static MaintenanceConnection open(Target target, Deadline deadline, ProgressListener progress) {
        String configured = target.connection().maintenanceDatabase();
        String database = configured == null ? DEFAULT_MAINTENANCE_DATABASE : configured;
        try {
            return connect(target, database, deadline);
        } catch (PgResetException e) {
            if (configured != null || e.problem() != Problem.DATABASE_MISSING) {
                throw e;
            }
            progress.debug("Database postgres does not exist on "
                    + target.connection().location() + "; connecting to template1 instead.");
            return connect(target, FALLBACK_MAINTENANCE_DATABASE, deadline);
        }
    }

    /** A connection to another database of the same server, with the same settings and deadline. */
    public static MaintenanceConnection openIn(Target target, String database, Deadline deadline) {
        return connect(target, database, deadline);
    }

    private static MaintenanceConnection connect(Target target, String database, Deadline deadline) {
        MaintenanceConnection connection = new MaintenanceConnection(
                DriverConnection.open(target, database, deadline), target, database, deadline);
        try {
            int serverPid = connection.setTimeouts();
            if (serverPid != ((PGConnection) connection.jdbc).getBackendPID()) {
                // the cancel key is not the backend's: a pooler stands between (PgBouncer makes up its own)
                connection.requireSessionPooling(serverPid);
            }
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Bounds every statement and lock wait of this session by the goal's timeout, and returns the server process that
     * serves it, in one round trip.
     */
    private int setTimeouts() {
        String millis = deadline.total().toMillis() + "ms";
        return query(
                        "SELECT pg_backend_pid(), set_config('statement_timeout', ?, false),"
                                + " set_config('lock_timeout', ?, false)",
                        List.of(millis, millis),
                        rs -> rs.getInt(1))
                .get(0);
    }

    /**
     * Behind a pooler, the plugin needs one server session for its whole connection (PgBouncer's pool_mode=session):
     * its timeouts and the lock that keeps goals apart are session state. A pooler that hands server sessions from
     * client to client between transactions (pool_mode=transaction or statement) gives a second client the very server
     * process this one just used: refused before anything is changed.
     */
    private void requireSessionPooling(int serverPid) {
        try (MaintenanceConnection second = new MaintenanceConnection(
                DriverConnection.open(target, database, deadline), target, database, deadline)) {
            int secondPid = second.query("SELECT pg_backend_pid()", List.of(), rs -> rs.getInt(1))
                    .get(0);
            if (secondPid == serverPid) {
                throw new PgResetException(
                        Problem.UNSUPPORTED,
                        "pgreset.url points at a connection pooler at "
                                + target.connection().location()
                                + " (PgBouncer or alike) that shares server sessions between its clients "
                                + "(pool_mode=transaction or statement): there the plugin's statement and lock "
                                + "timeouts and the lock that keeps two goals apart do not hold. Point pgreset.url "
                                + "at the PostgreSQL server itself (the host and port PgBouncer connects to), or at a "
                                + "PgBouncer in pool_mode=session.");
            }
        }
    }

    /**
     * This server session for one more goal, bounded by {@code goalDeadline}: for a JVM that resets its database many
     * times (the tests of one JVM), where a login each time would cost more than the reset (about 20 ms warm, 150 ms
     * cold). Closing the lease ends its guard and leaves the session open; the caller releases what the goal took on it
     * (its goal lock).
     */
    public MaintenanceConnection lease(Deadline goalDeadline) {
        requireRunning();
        MaintenanceConnection lease = new MaintenanceConnection(jdbc, target, database, goalDeadline, false);
        if (!goalDeadline.total().equals(deadline.total())) {
            lease.setTimeouts(); // the session's timeouts are the whole of the goal's deadline
        }
        return lease;
    }

    public ServerVersion version() {
        return version;
    }

    /** The database this connection uses (postgres, template1 or pgreset.maintenanceDatabase). */
    public String database() {
        return database;
    }

    public boolean superuser() {
        return superuser;
    }

    public String role() {
        return target.connection().user();
    }

    public Deadline deadline() {
        return deadline;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Reads the rows of one query, bounded by the deadline. */
    public <T> List<T> query(String sql, List<Object> parameters, RowMapper<T> mapper) {
        return queryResults(sql, parameters, statement -> rows(statement, mapper));
    }

    /** The rows of the statement's current result. */
    private static <T> List<T> rows(Statement statement, RowMapper<T> mapper) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (ResultSet rs = statement.getResultSet()) {
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
        }
        return rows;
    }

    /** Reads what an executed statement returned: several results, for several statements in one round trip. */
    @FunctionalInterface
    public interface ResultsReader<T> {
        T read(Statement executed) throws SQLException;
    }

    /**
     * Sends {@code sql} (one statement or several, separated by {@code ;}) with its parameters in one round trip and
     * reads the results; {@code int[]} and {@code String[]} parameters are sent as arrays, a {@code String} untyped
     * (where the server cannot tell its type from its place, the SQL casts it: {@code ?::text}).
     */
    public <T> T queryResults(String sql, List<Object> parameters, ResultsReader<T> reader) {
        requireRunning();
        try (PreparedStatement statement = prepare(sql, parameters)) {
            statement.execute();
            return reader.read(statement);
        } catch (SQLException e) {
            throw failure(e, "Querying the catalogs");
        }
    }

    private Object parameter(Object value) throws SQLException {
        if (value instanceof int[] pids) {
            return jdbc.createArrayOf(
                    "int4", java.util.Arrays.stream(pids).boxed().toArray());
        }
        if (value instanceof String[] texts) {
            return jdbc.createArrayOf("text", texts);
        }
        return value;
    }

    /**
     * Runs {@code ddl} and then reads the rows of a query, in one round trip and one transaction (the DDL commits with
     * the query). The SQLException is left to the caller, as with {@link #executeDdl}.
     */
    public <T> List<T> executeDdlThenQuery(String ddl, String sql, List<Object> parameters, RowMapper<T> mapper)
            throws SQLException {
        requireRunning();
        try (PreparedStatement statement = prepare(ddl + ";\n" + sql, parameters)) {
            boolean hasRows = statement.execute();
            while (!hasRows) {
                if (statement.getUpdateCount() == -1) {
                    throw new IllegalStateException("No rows came back from: " + sql);
                }
                hasRows = statement.getMoreResults();
            }
            return rows(statement, mapper);
        }
    }

    /**
     * The JDBC query timeout of a statement sent now, in whole seconds, 0 for none: what is left of the deadline. In
     * the goal's first second there is none. The session's statement_timeout, the whole of pgreset.timeout set as it
     * connected, then ends a statement exactly when the query timeout would, as that rounds what is left up to whole
     * seconds; and pgjdbc would start a timer thread for the connection and a task per statement (0.4 ms of an idle
     * drop).
     */
    static int queryTimeoutSeconds(Deadline deadline) {
        return deadline.elapsed().compareTo(Duration.ofSeconds(1)) < 0 ? 0 : deadline.remainingSecondsAtLeastOne();
    }

    /** The statement with its parameters bound, bounded by what is left of the deadline. */
    private PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = jdbc.prepareStatement(sql);
        try {
            statement.setQueryTimeout(queryTimeoutSeconds(deadline));
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof String text) {
                    // untyped, as a literal: the server gives it the type its place needs (name, text). Sent as
                    // varchar, a fresh backend would first search every = operator for "name = varchar" (0.4-0.6 ms
                    // of each goal's first read)
                    statement.setObject(i + 1, text, Types.OTHER);
                } else {
                    statement.setObject(i + 1, parameter(value));
                }
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** Runs one DDL statement; the SQLException is left to the caller, who knows what each SQLSTATE means there. */
    public void executeDdl(String sql) throws SQLException {
        requireRunning();
        executeUndo(sql);
    }

    /**
     * Runs statements that put back what an unfinished plan changed, also after {@link #stop}. Several statements
     * separated by {@code ;} go in one round trip and commit together (one implicit transaction), except those that
     * cannot run in a transaction, such as DROP DATABASE.
     */
    public void executeUndo(String sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement statement = jdbc.createStatement()) {
                statement.setQueryTimeout(queryTimeoutSeconds(deadline));
                statement.execute(sql);
                return;
            } catch (SQLException e) {
                // the cancel that stopped the goal may reach the server only now, while this statement runs
                if (!stopped || !SqlState.QUERY_CANCELED.is(e) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Records what was put back after {@link #stop} ({@code reopened database "chat"}). */
    public void putBack(String done) {
        putBack.add(done);
    }

    public List<String> putBack() {
        return List.copyOf(putBack);
    }

    /**
     * Stops this connection's work because the JVM is shutting down: cancels the statement in progress on the server
     * and refuses every later one but {@link #executeUndo}'s, so the goal's thread ends at its next statement and puts
     * back what its plan left half-done.
     */
    public void stop() {
        stopped = true;
        try {
            ((PGConnection) jdbc).cancelQuery();
        } catch (SQLException e) {
            // nothing was running, or the connection is gone: the next statement says so
        }
    }

    public boolean stopped() {
        return stopped;
    }

    private void requireRunning() {
        if (stopped) {
            throw new PgResetException(
                    Problem.STOPPED,
                    "pgreset was stopped (Ctrl-C, or the process was asked to end) while working on "
                            + target.describe() + ".");
        }
    }

    /** A failure of a statement, as the user should read it ({@link ServerFailures#of}). */
    public PgResetException failure(SQLException e, String action) {
        return ServerFailures.of(e, action, target, database, deadline, stopped);
    }

    /** Watches this connection while it is open (a {@code StopGuard}), closed with it. */
    public void guard(AutoCloseable stopGuard) {
        this.guard = stopGuard;
    }

    @Override
    public void close() {
        if (guard != null) {
            try {
                guard.close();
            } catch (Exception e) {
                // a guard only removes its shutdown hook
            }
        }
        if (!ownsSession) {
            return;
        }
        try {
            jdbc.close();
        } catch (SQLException e) {
            // nothing was pending: autocommit, every statement closed
        }
    }
}
