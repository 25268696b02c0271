package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Runs on the database pgreset restored: migrated, and without the rows an earlier build's test wrote. */
class MessageIT {
    @Test
    void eachBuildStartsFromTheMigratedDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("db.url"), System.getProperty("db.user"), System.getProperty("db.password"));
                Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM message")) {
                rows.next();
                assertEquals(0, rows.getInt(1), "rows left by an earlier build");
            }
            s.execute("INSERT INTO message (body) VALUES ('hello from " + System.getProperty("db.url") + "')");
        }
    }
}
