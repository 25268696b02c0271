package io.github.pgreset.testing;

import io.github.pgreset.core.connection.ConnectionSettings;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.HostPort;
import io.github.pgreset.core.connection.SafetyRules;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.connection.Target;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A running PostgreSQL server a test may use, with a superuser's credentials.
 *
 * @param version the server's version
 * @param host where it listens
 * @param port where it listens
 * @param user a superuser
 * @param password that superuser's password ({@code null} for trust authentication)
 * @param source where the server came from: the environment, Docker or embedded binaries
 */
public record PgServer(ServerVersion version, String host, int port, String user, String password, String source) {
    // the driver itself, not DriverManager: the invoker's verify scripts run in a class loader DriverManager ignores
    private static final Driver DRIVER = new org.postgresql.Driver();

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + new HostPort(host, port) + "/"
                + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    /** The address as the plugin sees it, with the superuser's credentials. */
    public ConnectionSettings connection() {
        return connection(user, password);
    }

    public ConnectionSettings connection(String role, String rolePassword) {
        return new ConnectionSettings(List.of(new HostPort(host, port)), role, rolePassword, null, Map.of());
    }

    public Target target(String database) {
        return new Target(connection(), new DatabaseName(database));
    }

    /** The default rules, with remote hosts allowed only when the test server itself is remote (Docker on a VM). */
    public SafetyRules safety(Set<String> protectedDatabases) {
        return new SafetyRules(!SafetyRules.isLocal(host), protectedDatabases);
    }

    public Connection connect(String database, String applicationName) throws SQLException {
        return connect(database, applicationName, user, password);
    }

    public Connection connect(String database, String applicationName, String role, String rolePassword)
            throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", role);
        if (rolePassword != null) {
            props.setProperty("password", rolePassword);
        }
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", "5");
        return DRIVER.connect(jdbcUrl(database), props);
    }

    /**
     * Drops a database if it exists, whoever is connected: test cleanup, done the blunt way (the server waits up to 5
     * seconds for terminated sessions to exit).
     */
    public void dropDatabase(String database) {
        if (databaseExists(database)) {
            String name = SqlText.identifier(database);
            if (version.major() >= 13) {
                execute(
                        "ALTER DATABASE " + name + " IS_TEMPLATE false",
                        "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } else {
                execute(
                        "ALTER DATABASE " + name + " IS_TEMPLATE false",
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                                + SqlText.literal(database),
                        "DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    /** Whether a session still answers: false once it was terminated. */
    public static boolean alive(Connection connection) {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs statements as the superuser on the postgres database. */
    public void execute(String... sql) {
        executeIn("postgres", sql);
    }

    /** Runs statements as the superuser on one database, in one session. */
    public void executeIn(String database, String... sql) {
        try (Connection c = connect(database, "pgreset-test-admin");
                Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Test setup failed on " + this + ": " + e.getMessage(), e);
        }
    }

    /** Leaves a prepared transaction {@code gid} that ran {@code statement} in the database; it outlives sessions. */
    public void prepareTransaction(String database, String gid, String statement) {
        executeIn(database, "BEGIN", statement, "PREPARE TRANSACTION " + SqlText.literal(gid));
    }

    /** Runs a query as the superuser on the postgres database. */
    public <T> List<T> query(String sql, RowReader<T> reader) {
        return queryIn("postgres", sql, reader);
    }

    /** Runs a query as the superuser on one database. */
    public <T> List<T> queryIn(String database, String sql, RowReader<T> reader) {
        try (Connection c = connect(database, "pgreset-test-admin");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Test query failed on " + this + ": " + e.getMessage(), e);
        }
    }

    /** Whether a database holds a table of that name (in any schema). */
    public boolean hasTable(String database, String table) {
        return !queryIn(database, "SELECT 1 FROM pg_tables WHERE tablename = " + SqlText.literal(table), rs -> 1)
                .isEmpty();
    }

    /** All database names on the server, sorted. */
    public List<String> databases() {
        return query("SELECT datname FROM pg_database ORDER BY datname", rs -> rs.getString(1));
    }

    public boolean databaseExists(String name) {
        return databases().contains(name);
    }

    /** Connections of a database's pg_database row allowed? (false while a pre-13 drop blocks them). */
    public boolean allowsConnections(String name) {
        return query(
                        "SELECT datallowconn FROM pg_database WHERE datname = " + SqlText.literal(name),
                        rs -> rs.getBoolean(1))
                .stream()
                .findFirst()
                .orElseThrow();
    }

    /**
     * Waits until at least {@code count} sessions of {@code applicationName} are connected to the database, polling
     * pg_stat_activity; fails after 10 seconds.
     */
    public void awaitSessions(String database, String applicationName, int count) {
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = " + SqlText.literal(database)
                + " AND application_name = " + SqlText.literal(applicationName);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int seen;
        while ((seen = query(sql, rs -> rs.getInt(1)).get(0)) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + seen + " of " + count + " sessions of " + applicationName
                        + " connected to " + database + " within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version + " at " + host + ":" + port + " (" + source + ")";
    }
}
