package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.ConnectionSettings;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.HostPort;
import io.github.pgreset.core.connection.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A server that pgreset started and that is running: how to reach it.
 *
 * @param dataDirectory the folder of the server
 * @param release the release of the binaries it runs on
 * @param port the TCP port on 127.0.0.1
 * @param superuser the superuser made at initdb
 * @param password the superuser's password
 */
public record LocalServer(Path dataDirectory, Release release, int port, String superuser, String password) {
    public static final String HOST = "127.0.0.1";

    /** {@code jdbc:postgresql://127.0.0.1:54321/chat}. */
    /**
     * Its superuser on {@code database}, as pgreset's own connections reach it, named {@code applicationName} in
     * {@code pg_stat_activity}.
     */
    public Target target(DatabaseName database, String applicationName) {
        return new Target(
                new ConnectionSettings(
                        List.of(new HostPort(HOST, port)),
                        superuser,
                        password,
                        "postgres",
                        Map.of("ApplicationName", applicationName)),
                database);
    }

    public String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/"
                + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    /** A psql command that connects, its password read from the file beside the data (never printed). */
    public String psql(String database) {
        return "PGPASSFILE=" + dataDirectory.resolve("pgpass") + " psql -h " + HOST + " -p " + port + " -U " + superuser
                + " " + OsAccount.shellWord(database).replaceAll("^'([A-Za-z0-9_.-]+)'$", "$1");
    }

    @Override
    public String toString() {
        return "LocalServer[" + dataDirectory + ", " + release + ", " + HOST + ":" + port + ", " + superuser
                + ", password set]";
    }
}
