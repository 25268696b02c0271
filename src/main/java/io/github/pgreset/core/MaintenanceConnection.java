package io.github.pgreset.core;

import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

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
            throw connectFailure(e, settings, database);
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

    /**
     * The pg_database rows of these databases, by name; a database that does not exist has none. One round trip.
     */
    java.util.Map<DatabaseName, DatabaseRow> databaseRows(List<DatabaseName> names) {
        java.util.Map<DatabaseName, DatabaseRow> rows = new java.util.LinkedHashMap<>();
        query(
                CatalogQueries.DATABASES,
                List.of((Object) names.stream().map(DatabaseName::value).toArray(String[]::new)),
                rs -> rows.put(new DatabaseName(rs.getString("datname")), databaseRow(rs)));
        return rows;
    }

    private static DatabaseRow databaseRow(ResultSet rs) throws SQLException {
        return new DatabaseRow(
                rs.getLong("oid"),
                rs.getString("comment"),
                rs.getBoolean("datallowconn"),
                rs.getInt("datconnlimit"),
                rs.getBoolean("datistemplate"),
                rs.getString("owner"),
                rs.getBoolean("may_drop"));
    }

    /** The target's pg_database row, or null when there is no such database. */
    DatabaseRow databaseRow(DatabaseName name) {
        return catalogRow(name).database();
    }

    /** The target's row (null when missing) and whether the server takes changes, in one round trip. */
    CatalogRow catalogRow(DatabaseName name) {
        return query(
                        CatalogQueries.DATABASE,
                        List.of(name.value()),
                        rs -> new CatalogRow(
                                rs.getString("datname") == null ? null : databaseRow(rs),
                                rs.getBoolean("in_recovery"),
                                rs.getBoolean("read_only")))
                .get(0);
    }

    /** The target's prepared transactions: gid and owner. */
    List<PreparedTransaction> preparedTransactions(DatabaseName name) {
        return query(
                CatalogQueries.PREPARED_TRANSACTIONS,
                List.of(name.value()),
                rs -> new PreparedTransaction(rs.getString("gid"), rs.getString("owner")));
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
        return query(
                CatalogQueries.LOCK_HOLDERS,
                List.of(name.value()),
                rs -> rs.getObject("pid") == null
                        ? "a prepared transaction (" + rs.getString("mode") + ")"
                        : "pid " + rs.getInt("pid") + " (user " + rs.getString("usename") + ", application \""
                                + rs.getString("application_name") + "\", " + rs.getString("state") + ", "
                                + rs.getString("mode") + "): "
                                + SessionTable.oneLine(rs.getString("query"), 80));
    }

    /** The database's size in bytes. */
    long databaseSize(DatabaseName name) {
        return query(CatalogQueries.DATABASE_SIZE, List.of(name.value()), rs -> rs.getLong(1))
                .get(0);
    }

    /** Superusers, and roles with CREATEDB. */
    boolean canCreateDatabases() {
        return superuser
                || query(CatalogQueries.CAN_CREATE_DATABASES, List.of(), rs -> rs.getBoolean(1)).stream()
                        .findFirst()
                        .orElse(false);
    }

    List<Session> sessions(DatabaseName name) {
        return query(SessionQueries.list(version), List.of(name.value()), MaintenanceConnection::session);
    }

    /** Names what DROP ... WITH (FORCE) cannot clear: prepared transactions, active slots, subscriptions. */
    List<String> forceBlockers(DatabaseName name) {
        String db = name.value();
        return query(
                CatalogQueries.forceBlockers(version),
                List.of(db, db, db),
                rs -> rs.getString("kind") + " \""
                        + rs.getString("name") + "\""
                        + (rs.getString("detail") == null ? "" : " (" + rs.getString("detail") + ")"));
    }

    static Session session(ResultSet rs) throws SQLException {
        return new Session(
                rs.getInt("pid"),
                rs.getString("usename"),
                rs.getString("application_name"),
                rs.getString("client_addr"),
                rs.getString("state"),
                rs.getObject("backend_start", OffsetDateTime.class),
                rs.getObject("state_change", OffsetDateTime.class),
                rs.getString("wait_event"),
                rs.getString("query"),
                rs.getBoolean("superuser"),
                rs.getBoolean("can_terminate"));
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

    /** A failure of a statement, as the user should read it. */
    PgResetException failure(SQLException e, String action) {
        String where = " (" + target.describe() + ", connected to " + database + ")";
        String server = serverText(e);
        if (stopped) {
            return new PgResetException(
                    Problem.STOPPED,
                    action + " was canceled: pgreset was stopped (Ctrl-C, or the process was asked to end)" + where
                            + ".",
                    e);
        }
        if (SqlState.connectionLost(e)) {
            return new PgResetException(
                    Problem.UNREACHABLE,
                    action + " failed: the connection to " + target.connection().location() + " broke: " + server
                            + ". Is the server still running? Check the database with mvn pgreset:sessions and run the "
                            + "goal again.",
                    e);
        }
        if (SqlState.sessionEndedByServer(e)) {
            return new PgResetException(
                    Problem.UNREACHABLE,
                    action + " failed: the server at " + target.connection().location() + " ended the plugin's "
                            + "session (" + server + "): it is shutting down or restarting, or someone terminated "
                            + "the session. Nothing more was done; check the database with mvn pgreset:sessions and "
                            + "run the goal again.",
                    e);
        }
        if (SqlState.timedOut(e)) {
            return new PgResetException(
                    Problem.TIMEOUT,
                    action + " did not finish within "
                            + "pgreset.timeout (" + deadline.total().toSeconds() + " s)" + where + ": " + server
                            + ". Raise pgreset.timeout, or find the session that holds a lock on the database with "
                            + "mvn pgreset:sessions.",
                    e);
        }
        if (SqlState.INSUFFICIENT_PRIVILEGE.is(e)) {
            return new PgResetException(
                    Problem.PERMISSION_DENIED,
                    action + " failed" + where + ": " + server
                            + ". Run as the database's owner or a superuser (pgreset.username), or grant the "
                            + "privilege named above to " + role() + ".",
                    e);
        }
        if (SqlState.INVALID_CATALOG_NAME.is(e)) {
            return new PgResetException(Problem.DATABASE_MISSING, action + " failed" + where + ": " + server, e);
        }
        if (SqlState.READ_ONLY_SQL_TRANSACTION.is(e)) {
            return new PgResetException(
                    Problem.UNSUPPORTED,
                    action + " failed" + where + ": " + server
                            + ". The server is read-only (a standby, or default_transaction_read_only is on); point "
                            + "pgreset.url at the primary.",
                    e);
        }
        return new PgResetException(Problem.SERVER_ERROR, action + " failed" + where + ": " + server + code(e), e);
    }

    static PgResetException connectFailure(SQLException e, ConnectionSettings settings, String database) {
        String where = settings.location();
        String server = serverText(e);
        if (e.getCause() instanceof UnknownHostException) {
            return new PgResetException(
                    Problem.UNREACHABLE,
                    "Cannot connect to " + where + ": unknown host. " + "Check the host in pgreset.url (or PGHOST).",
                    e);
        }
        if (SqlState.CONNECTION_REJECTED.is(e) && settings.password() == null) {
            // pgjdbc's "The server requested SCRAM-based authentication, but no password was provided."
            return new PgResetException(
                    Problem.AUTHENTICATION,
                    "PostgreSQL at " + where + " asks role " + settings.user() + " for a password (database "
                            + database + "), and none was given: " + server + ". Give it with a settings.xml <server> "
                            + "(pgreset.serverId), pgreset.password, PGPASSWORD or ~/.pgpass.",
                    e);
        }
        if (SqlState.authenticationFailed(e)) {
            return new PgResetException(
                    Problem.AUTHENTICATION,
                    "PostgreSQL at " + where + " refused role " + settings.user() + " (database " + database + "): "
                            + server + ". Give the right credentials with pgreset.username and pgreset.password, a "
                            + "settings.xml <server> (pgreset.serverId), PGUSER/PGPASSWORD or ~/.pgpass.",
                    e);
        }
        if (SqlState.INVALID_CATALOG_NAME.is(e)) {
            return new PgResetException(
                    Problem.DATABASE_MISSING,
                    "Cannot connect to the maintenance database \"" + database + "\" on " + where + ": " + server
                            + ". Set pgreset.maintenanceDatabase to a database that exists.",
                    e);
        }
        if (SqlState.connectionLost(e)) {
            return new PgResetException(
                    Problem.UNREACHABLE,
                    "Cannot connect to PostgreSQL at " + where + ": " + server
                            + ". Is the server running and listening there? Check pgreset.url (or PGHOST/PGPORT).",
                    e);
        }
        return new PgResetException(
                Problem.SERVER_ERROR,
                "Cannot connect to PostgreSQL at " + where + " as " + settings.user() + ": " + server + code(e),
                e);
    }

    /** {@code " [SQLSTATE 42P01]"} for a failure the plugin has no words of its own for; empty without a code. */
    private static String code(SQLException e) {
        return e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
    }

    /**
     * The server's message with its DETAIL and HINT, without a closing full stop (the messages that quote it go on
     * with a sentence of their own); pgjdbc never puts the password in these.
     */
    static String serverText(SQLException e) {
        String text = fullServerText(e).strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static String fullServerText(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage m = psql.getServerErrorMessage();
            StringBuilder text = new StringBuilder(String.valueOf(m.getMessage()));
            if (m.getDetail() != null) {
                text.append(" (").append(m.getDetail()).append(")");
            }
            if (m.getHint() != null) {
                text.append(" Hint: ").append(m.getHint());
            }
            return text.toString();
        }
        return String.valueOf(e.getMessage());
    }

    @Override
    public void close() {
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
     */
    record CatalogRow(DatabaseRow database, boolean inRecovery, boolean readOnly) {}
}
