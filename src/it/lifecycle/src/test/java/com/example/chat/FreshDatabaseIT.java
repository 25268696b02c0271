package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Runs after pgreset:recreate: the database must be new and empty, whatever earlier builds left in it. */
class FreshDatabaseIT {
    @Test
    void startsFromAnEmptyDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("db.url"), System.getProperty("db.user"), System.getProperty("db.password"));
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "tables left in the database before the tests ran");
            }
            // what this build leaves behind; the next build must not see it
            s.execute("CREATE TABLE left_by_last_build (id int)");
        }
    }
}
