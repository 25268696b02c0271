package io.github.pgreset.core.connection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/** Opens the JDBC connection behind a {@link MaintenanceConnection}: the driver's properties, bounded by the deadline. */
final class DriverConnection {
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private DriverConnection() {}

    static Connection open(Target target, String database, Deadline deadline) {
        ConnectionSettings settings = target.connection();
        Properties props = properties(settings, deadline.remainingSecondsAtLeastOne());
        String url = "jdbc:postgresql://" + settings.location() + "/" + urlEncode(database);
        try {
            return new Driver().connect(url, props);
        } catch (SQLException e) {
            throw ServerFailures.connectFailure(e, settings, database);
        }
    }

    /** What the driver is given besides the URL, with {@code remaining} seconds left of the goal's timeout. */
    static Properties properties(ConnectionSettings settings, int remaining) {
        Properties props = new Properties();
        props.putAll(settings.driverProperties());
        props.setProperty("user", settings.user());
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.putIfAbsent("ApplicationName", "pgreset");
        props.setProperty("connectTimeout", String.valueOf(Math.min(CONNECT_TIMEOUT_SECONDS, remaining)));
        // a server that accepts but is slow to start the session (a storm of reconnecting pools on a small machine)
        // gets what is left of pgreset.timeout; one that does not answer at all is given up after connectTimeout
        props.setProperty("loginTimeout", String.valueOf(remaining));
        // a stuck server or network must not hang the build: the socket gives up a little after the deadline
        props.setProperty("socketTimeout", String.valueOf(remaining + 10));
        // nothing else in the startup packet: a pooler such as PgBouncer refuses parameters it does not know
        // ("unsupported startup parameter: options"), so the timeouts are set right after connecting
        props.setProperty("assumeMinServerVersion", "9.6");
        if (!props.containsKey("sslmode")
                && !props.containsKey("ssl")
                && settings.hosts().stream().allMatch(h -> SafetyRules.isLocal(h.host()))) {
            // on the loopback TLS protects nothing, and every goal would pay for its handshake (Debian's PostgreSQL
            // has ssl on); the URL's sslmode or ssl asks for it
            props.setProperty("sslmode", "disable");
        }
        return props;
    }

    private static String urlEncode(String database) {
        return java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
