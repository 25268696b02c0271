package io.github.pgreset.core.connection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Turns what the user configured into a {@link Target}, in this order of precedence:
 *
 * <ul>
 *   <li>host and port: the URL; without a URL, PGHOST and PGPORT; else localhost:5432;
 *   <li>database: {@code database}; else the URL's; without a URL, PGDATABASE;
 *   <li>user: {@code username}; else the URL's {@code user}; else PGUSER; else the operating-system user (as libpq);
 *   <li>password: {@code password}; else the URL's {@code password}; else PGPASSWORD; else pgjdbc reads ~/.pgpass;
 *   <li>TLS: the URL's {@code sslmode} or {@code ssl}; without a URL, PGSSLMODE.
 * </ul>
 */
public final class TargetResolver {
    private static final String DEFAULT_HOST = "localhost";
    private static final int DEFAULT_PORT = 5432;

    private final LibpqEnvironment environment;
    private final String systemUser;

    public TargetResolver(LibpqEnvironment environment, String systemUser) {
        this.environment = environment;
        this.systemUser = systemUser;
    }

    public Target resolve(ConnectionRequest request) {
        String url = LibpqEnvironment.blankToNull(request.url());
        List<HostPort> hosts;
        String urlDatabase;
        String urlUser = null;
        String urlPassword = null;
        Map<String, String> driverProperties = new LinkedHashMap<>();
        if (url != null) {
            Properties parsed = Driver.parseURL(url, null);
            if (parsed == null) {
                throw new PgResetException(
                        Problem.CONFIGURATION,
                        "pgreset.url \"" + url + "\" is not a PostgreSQL "
                                + "JDBC URL. Write it as jdbc:postgresql://host:port/database, e.g. "
                                + "jdbc:postgresql://localhost:5432/chat.");
            }
            hosts = hosts(parsed.getProperty("PGHOST"), parsed.getProperty("PGPORT"), "pgreset.url");
            urlDatabase = LibpqEnvironment.blankToNull(parsed.getProperty("PGDBNAME"));
            urlUser = LibpqEnvironment.blankToNull(parsed.getProperty("user"));
            urlPassword = parsed.getProperty("password");
            for (String key : parsed.stringPropertyNames()) {
                if (!List.of("PGHOST", "PGPORT", "PGDBNAME", "user", "password").contains(key)) {
                    driverProperties.put(key, parsed.getProperty(key));
                }
            }
        } else {
            hosts = hosts(environment.host(), environment.port(), "PGHOST/PGPORT");
            urlDatabase = environment.database();
            if (environment.sslMode() != null) {
                // pgjdbc knows libpq's modes by the same names (disable ... verify-full)
                driverProperties.put("sslmode", environment.sslMode());
            }
        }

        String database = first(LibpqEnvironment.blankToNull(request.database()), urlDatabase);
        if (database == null) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "No database to act on. Set pgreset.database, put the "
                            + "database in pgreset.url (jdbc:postgresql://localhost:5432/chat) or set PGDATABASE.");
        }
        String user = first(LibpqEnvironment.blankToNull(request.username()), urlUser, environment.user(), systemUser);
        String password = first(request.password(), urlPassword, environment.password());
        ConnectionSettings connection = new ConnectionSettings(
                hosts, user, password, LibpqEnvironment.blankToNull(request.maintenanceDatabase()), driverProperties);
        return new Target(connection, new DatabaseName(database));
    }

    private static List<HostPort> hosts(String hostList, String portList, String source) {
        String[] hostNames = hostList == null ? new String[] {DEFAULT_HOST} : hostList.split(",", -1);
        String[] ports = portList == null ? new String[0] : portList.split(",", -1);
        List<HostPort> hosts = new ArrayList<>();
        for (int i = 0; i < hostNames.length; i++) {
            String host = hostNames[i].trim();
            if (host.startsWith("/")) {
                throw new PgResetException(
                        Problem.CONFIGURATION,
                        source + " names the Unix socket directory " + host
                                + ", but the plugin connects over TCP (pgjdbc). Set PGHOST=localhost or pgreset.url="
                                + "jdbc:postgresql://localhost:5432/<database>.");
            }
            String port = ports.length == 0 ? null : ports[Math.min(i, ports.length - 1)].trim();
            hosts.add(new HostPort(host.isEmpty() ? DEFAULT_HOST : host, port(port, source)));
        }
        return hosts;
    }

    private static int port(String port, String source) {
        if (port == null || port.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int value = Integer.parseInt(port);
            if (value > 0 && value < 65536) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PgResetException(
                Problem.CONFIGURATION,
                source + " gives the port \"" + port + "\", which is not a " + "TCP port (1-65535).");
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
