package com.example;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A Surefire test that writes, as a Spring Boot test with its repositories does. */
class MessageTest {
    @Test
    void writesARow() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("db.url"), System.getProperty("db.user"), System.getProperty("db.password"));
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO message (body) VALUES ('written by the tests')");
        }
    }
}
