package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Each test class finds its fork's database fresh from the snapshot (one row), then leaves its name in it. */
abstract class FreshDatabase {
    @Test
    void myForksDatabaseIsFresh() throws SQLException {
        try (Connection db = DriverManager.getConnection(
                System.getProperty("db.url"), System.getProperty("db.user"), System.getProperty("db.password"))) {
            try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM visit")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "only the snapshot's row in " + System.getProperty("db.url"));
            }
            db.createStatement().execute("INSERT INTO visit (test) VALUES ('" + getClass().getSimpleName() + "')");
        }
    }
}
