package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Runs on the server pgreset:start started, reached through ${pgreset.url}, after pgreset:recreate. */
class EmbeddedServerIT {
    @Test
    void theStartedServersDatabaseIsFreshAndEmpty() throws Exception {
        String url = System.getProperty("db.url");
        assertTrue(url.matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/pgreset-it-embedded"), url);
        try (Connection c = DriverManager.getConnection(
                        url, System.getProperty("db.user"), System.getProperty("db.password"));
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "tables left in the database before the tests ran");
            }
            try (ResultSet rs = s.executeQuery("SHOW server_version_num")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 180000, "PostgreSQL 18 asked for");
            }
            s.execute("CREATE TABLE left_by_last_build (id int)");
        }
    }
}
