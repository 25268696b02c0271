package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.Driver;

/** The build's database on the started server: made when it is missing. */
final class Databases {
    // the driver itself, not DriverManager, which ignores drivers of a plugin's class loader
    private static final Driver DRIVER = new Driver();

    private Databases() {}

    /** Makes the database when it is missing; true when it did. */
    static boolean ensure(LocalServer server, String database, Deadline deadline) {
        Properties props = new Properties();
        props.setProperty("user", server.superuser());
        props.setProperty("password", server.password());
        props.setProperty("sslmode", "disable");
        props.setProperty("connectTimeout", String.valueOf(deadline.remainingSecondsAtLeastOne()));
        props.setProperty("ApplicationName", "pgreset:start");
        try (Connection c = DRIVER.connect(server.url("postgres"), props)) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return false;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + SqlText.identifier(database));
            }
            return true;
        } catch (SQLException e) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER,
                    "The server pgreset started in " + server.dataDirectory() + " (" + LocalServer.HOST + ":"
                            + server.port() + ") did not let pgreset make the database \"" + database + "\": "
                            + e.getMessage() + ". Its log is "
                            + server.dataDirectory().resolve("server.log") + ".",
                    e);
        }
    }
}
