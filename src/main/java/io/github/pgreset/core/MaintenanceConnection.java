package io.github.pgreset.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGConnection;

/**
 * The plugin's one connection, to the maintenance database, in autocommit. Every statement is bounded by what is
 * left of the goal's deadline, and every SQLException leaves here as a {@link PgResetException} that says where.
 */
final class MaintenanceConnection implements AutoCloseable {
    static final String DEFAULT_MAINTENANCE_DATABASE = "postgres";
    static final String FALLBACK_MAINTENANCE_DATABASE = "template1";
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final Connection jdbc;
    private final Target target;
    private final String database;
    private final ServerVersion version;
    private final boolean superuser;
    private final Deadline deadline;
    /** Set by {@link #stop} (the JVM is shutting down): no statement is sent any more but {@link #executeUndo}'s. */
    private volatile boolean stopped;
    /** What the goal put back after {@link #stop}, for the one line the {@link StopGuard} prints. */
    private final List<String> putBack = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Removed when the connection closes; {@code null} for a connection that changes nothing. */
    private StopGuard guard;

    private MaintenanceConnection(Connection jdbc, Target target, String database, Deadline deadline) {
        this.jdbc = jdbc;
        this.target = target;
        this.database = database;
        this.deadline = deadline;
        PGConnection pg = (PGConnection) jdbc;
        this.version = ServerVersion.parse(pg.getParameterStatus("server_version"));
        this.superuser = "on".equals(pg.getParameterStatus("is_superuser"));
    }

    /**
     * Connects to pgreset.maintenanceDatabase, or to postgres and, when that database does not exist, to template1
     * (as dropdb does).
     */
    static MaintenanceConnection open(Target target, Deadline deadline, ProgressListener progress) {
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
    static MaintenanceConnection openIn(Target target, String database, Deadline deadline) {
        return connect(target, database, deadline);
    }

    private static MaintenanceConnection connect(Target target, String database, Deadline deadline) {
        MaintenanceConnection connection =
                new MaintenanceConnection(newJdbc(target, database, deadline), target, database, deadline);
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

    private static Connection newJdbc(Target target, String database, Deadline deadline) {
        ConnectionSettings settings = target.connection();
        Properties props = new Properties();
        props.putAll(settings.driverProperties());
        props.setProperty("user", settings.user());
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.putIfAbsent("ApplicationName", "pgreset");
        int remaining = deadline.remainingSecondsAtLeastOne();
        props.setProperty("connectTimeout", String.valueOf(Math.min(CONNECT_TIMEOUT_SECONDS, remaining)));
        // a server that accepts but is slow to start the session (a storm of reconnecting pools on a small machine)
        // gets
        // what is left of pgreset.timeout; one that does not answer at all is given up after connectTimeout
        props.setProperty("loginTimeout", String.valueOf(remaining));
        // a stuck server or network must not hang the build: the socket gives up a little after the deadline
        props.setProperty("socketTimeout", String.valueOf(remaining + 10));
        // nothing else in the startup packet: a pooler such as PgBouncer refuses parameters it does not know
        // ("unsupported startup parameter: options"), so the timeouts are set right after connecting
        props.setProperty("assumeMinServerVersion", "9.6");

        String url = "jdbc:postgresql://" + settings.location() + "/" + urlEncode(database);
        try {
            return new Driver().connect(url, props);
        } catch (SQLException e) {
            throw ServerFailures.connectFailure(e, settings, database);
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
        try (MaintenanceConnection second =
                new MaintenanceConnection(newJdbc(target, database, deadline), target, database, deadline)) {
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

    private static String urlEncode(String database) {
        return java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    ServerVersion version() {
        return version;
    }

    /** The database this connection uses (postgres, template1 or pgreset.maintenanceDatabase). */
    String database() {
        return database;
    }

    boolean superuser() {
        return superuser;
    }

    String role() {
        return target.connection().user();
    }

    Deadline deadline() {
        return deadline;
    }

    /** The target's pg_database row, or null when there is no such database. */
    DatabaseRow databaseRow(DatabaseName name) {
        return catalogRow(name).database();
    }

    /** The target's row (null when missing) and whether the server takes changes, in one round trip. */
    CatalogRow catalogRow(DatabaseName name) {
        return query(CatalogQueries.DATABASE, List.of(name.value()), CatalogQueries::catalogRow)
                .get(0);
    }

    /** The target's prepared transactions: gid and owner. */
    List<PreparedTransaction> preparedTransactions(DatabaseName name) {
        return query(CatalogQueries.PREPARED_TRANSACTIONS, List.of(name.value()), CatalogQueries::preparedTransaction);
    }

    /**
     * A transaction prepared for two-phase commit ({@code PREPARE TRANSACTION}) in a database.
     *
     * @param gid its global identifier, what ROLLBACK PREPARED names
     * @param owner the role that prepared it
     */
    record PreparedTransaction(String gid, String owner) {}

    /** The sessions (and prepared transactions) holding a lock on the target database object, described. */
    List<String> lockHolders(DatabaseName name) {
        return query(CatalogQueries.LOCK_HOLDERS, List.of(name.value()), CatalogQueries::lockHolder);
    }

    /**
     * The target's catalog row and its sessions, in one round trip (two statements, two results).
     */
    TargetState targetState(DatabaseName name) {
        return targetState(name, List.of());
    }

    /**
     * As {@link #targetState(DatabaseName)}, with the rows of other databases of the target's ({@code related}: its
     * snapshot, prepared copy and working names), still in one round trip (three statements).
     */
    TargetState targetState(DatabaseName name, List<DatabaseName> related) {
        requireRunning();
        String sql = CatalogQueries.DATABASE + ";\n" + SessionQueries.list(version) + ";\n" + CatalogQueries.DATABASES;
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            statement.setQueryTimeout(deadline.remainingSecondsAtLeastOne());
            statement.setString(1, name.value());
            statement.setString(2, name.value());
            List<String> names = new ArrayList<>();
            names.add(name.value());
            related.forEach(r -> names.add(r.value()));
            statement.setArray(3, jdbc.createArrayOf("text", names.toArray(String[]::new)));
            statement.execute();
            CatalogRow catalog;
            try (ResultSet rs = statement.getResultSet()) {
                rs.next();
                catalog = CatalogQueries.catalogRow(rs);
            }
            List<Session> sessions = new ArrayList<>();
            statement.getMoreResults();
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    sessions.add(SessionQueries.session(rs));
                }
            }
            java.util.Map<DatabaseName, DatabaseRow> rows = new java.util.LinkedHashMap<>();
            statement.getMoreResults();
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    rows.put(new DatabaseName(rs.getString("datname")), CatalogQueries.databaseRow(rs));
                }
            }
            return new TargetState(catalog, List.copyOf(sessions), rows);
        } catch (SQLException e) {
            throw failure(e, "Querying the catalogs");
        }
    }

    List<Session> sessions(DatabaseName name) {
        return query(SessionQueries.list(version), List.of(name.value()), SessionQueries::session);
    }

    /** Names what DROP ... WITH (FORCE) cannot clear: prepared transactions, active slots, subscriptions. */
    List<String> forceBlockers(DatabaseName name) {
        String db = name.value();
        return query(CatalogQueries.forceBlockers(version), List.of(db, db, db), CatalogQueries::forceBlocker);
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, List<Object> parameters, RowMapper<T> mapper) {
        requireRunning();
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            statement.setQueryTimeout(deadline.remainingSecondsAtLeastOne());
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof int[] pids) {
                    Integer[] boxed = new Integer[pids.length];
                    for (int j = 0; j < pids.length; j++) {
                        boxed[j] = pids[j];
                    }
                    statement.setArray(i + 1, jdbc.createArrayOf("int4", boxed));
                } else if (value instanceof String[] texts) {
                    statement.setArray(i + 1, jdbc.createArrayOf("text", texts));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw failure(e, "Querying the catalogs");
        }
    }

    /** Runs one DDL statement; the SQLException is left to the caller, who knows what each SQLSTATE means there. */
    void executeDdl(String sql) throws SQLException {
        requireRunning();
        executeUndo(sql);
    }

    /**
     * Runs statements that put back what an unfinished plan changed, also after {@link #stop}. Several statements
     * separated by {@code ;} go in one round trip and commit together (one implicit transaction), except those that
     * cannot run in a transaction, such as DROP DATABASE.
     */
    void executeUndo(String sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement statement = jdbc.createStatement()) {
                statement.setQueryTimeout(deadline.remainingSecondsAtLeastOne());
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
    void putBack(String done) {
        putBack.add(done);
    }

    List<String> putBack() {
        return List.copyOf(putBack);
    }

    /** Work on this connection that must commit as a whole; see {@link #inOneTransaction}. */
    @FunctionalInterface
    interface TransactionWork {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction, so that no other session sees a state between its statements; on failure
     * nothing of it stays, and the SQLException of the statement that failed is left to the caller.
     */
    void inOneTransaction(TransactionWork work) throws SQLException {
        jdbc.setAutoCommit(false);
        try {
            work.run();
            jdbc.commit();
        } catch (SQLException e) {
            try {
                jdbc.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                jdbc.setAutoCommit(true);
            } catch (SQLException broken) {
                // the connection is gone; the next statement says so
            }
        }
    }

    /**
     * Stops this connection's work because the JVM is shutting down: cancels the statement in progress on the server
     * and refuses every later one but {@link #executeUndo}'s, so the goal's thread ends at its next statement and puts
     * back what its plan left half-done.
     */
    void stop() {
        stopped = true;
        try {
            ((PGConnection) jdbc).cancelQuery();
        } catch (SQLException e) {
            // nothing was running, or the connection is gone: the next statement says so
        }
    }

    boolean stopped() {
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

    /** {@code SET [LOCAL] lock_timeout}: LOCAL lasts until the end of the transaction. */
    static String lockTimeout(Duration timeout, boolean local) {
        return "SET " + (local ? "LOCAL " : "") + "lock_timeout = '" + timeout.toMillis() + "ms'";
    }

    /** A failure of a statement, as the user should read it ({@link ServerFailures#of}). */
    PgResetException failure(SQLException e, String action) {
        return ServerFailures.of(e, action, target, database, deadline.total(), stopped);
    }

    /** Watches this connection while it is open; see {@link StopGuard}. */
    void guard(StopGuard stopGuard) {
        this.guard = stopGuard;
    }

    @Override
    public void close() {
        if (guard != null) {
            guard.close();
        }
        try {
            jdbc.close();
        } catch (SQLException e) {
            // nothing was pending: autocommit, every statement closed
        }
    }

    /**
     * A pg_database row; datconnlimit -2 marks an invalid database (an interrupted DROP).
     *
     * @param comment the database's comment (COMMENT ON DATABASE), or {@code null}
     * @param owner the owning role
     * @param mayDrop whether the plugin's role owns it, is a member of its owner or is a superuser
     */
    record DatabaseRow(
            long oid,
            String comment,
            boolean allowConnections,
            int connectionLimit,
            boolean template,
            String owner,
            boolean mayDrop) {
        boolean invalid() {
            return connectionLimit == -2;
        }
    }

    /**
     * @param database the target's row, null when it does not exist
     * @param inRecovery whether the server is a standby
     * @param readOnly whether this session is read-only (default_transaction_read_only for the role, the database
     *     or the server)
     * @param mayCreateDatabases whether the plugin's role is a superuser or has CREATEDB
     */
    record CatalogRow(DatabaseRow database, boolean inRecovery, boolean readOnly, boolean mayCreateDatabases) {}

    /**
     * What a drop needs to know before it acts: the target's catalog row and the sessions on it.
     *
     * @param catalog as {@link #catalogRow} reads it
     * @param sessions as {@link #sessions} lists them
     * @param rows the rows of the target and of the related databases that exist, by name
     */
    record TargetState(CatalogRow catalog, List<Session> sessions, java.util.Map<DatabaseName, DatabaseRow> rows) {
        /** A copy of the rows by name (the target's among them), for a caller to take rows out of. */
        java.util.Map<DatabaseName, DatabaseRow> rowsByName() {
            return new java.util.LinkedHashMap<>(rows);
        }
    }
}
