package io.github.pgreset.core.connection;

/**
 * What the user configured, before defaults and the environment are applied. Every field may be {@code null}.
 *
 * @param url a JDBC URL such as {@code jdbc:postgresql://localhost:5432/chat}
 * @param database overrides the URL's database
 * @param username the role; overrides the URL's {@code user}
 * @param password the password; overrides the URL's {@code password}
 * @param maintenanceDatabase the database to connect to; {@code null}: postgres, falling back to template1
 */
public record ConnectionRequest(
        String url, String database, String username, String password, String maintenanceDatabase) {

    @Override
    public String toString() {
        return "ConnectionRequest[url=" + url + ", database=" + database + ", username=" + username + ", password="
                + (password == null ? "not set" : "set") + ", maintenanceDatabase=" + maintenanceDatabase + "]";
    }
}
