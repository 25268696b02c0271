package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A Surefire test, given the database as a Spring Boot test is: migrated, its test data in, nothing else. */
class MessageTest {
    @Test
    void eachBuildStartsFromTheMigratedDatabaseAndItsTestData() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("spring.datasource.url"),
                        System.getProperty("spring.datasource.username"),
                        System.getProperty("spring.datasource.password"));
                Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT string_agg(body, ',') FROM message")) {
                rows.next();
                assertEquals("welcome", rows.getString(1), "the test data, and no row an earlier build wrote");
            }
            s.execute("INSERT INTO message (body) VALUES ('written by this build')");
        }
    }
}
