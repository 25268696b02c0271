package io.github.pgreset.core.connection;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How to reach the server: addresses, role, password and any further pgjdbc properties (ssl, ...). The password
 * never appears in {@link #toString()} or {@link #location()}.
 *
 * @param hosts the server addresses, in the order pgjdbc tries them
 * @param user the role to connect as
 * @param password the password, or {@code null} to let pgjdbc read ~/.pgpass
 * @param maintenanceDatabase the database the plugin connects to; {@code null} means postgres, then template1
 * @param driverProperties further pgjdbc connection properties from the URL's query string
 */
public record ConnectionSettings(
        List<HostPort> hosts,
        String user,
        String password,
        String maintenanceDatabase,
        Map<String, String> driverProperties) {

    public ConnectionSettings {
        hosts = List.copyOf(hosts);
        driverProperties = Map.copyOf(driverProperties);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
    }

    /** {@code 127.0.0.1:5432} or {@code a:5432,b:5433}: where the plugin connects, for messages. */
    public String location() {
        return hosts.stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + user + "@" + location() + ", password " + (password == null ? "not set" : "set")
                + ", maintenanceDatabase=" + maintenanceDatabase + "]";
    }
}
