package com.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The generated code against the database it was generated from, fresh for this build. */
class MessagesTest {
    @Test
    void aMessageSentIsReadBack() throws Exception {
        try (Connection c = DriverManager.getConnection(
                System.getProperty("db.url"), System.getProperty("db.user"), System.getProperty("db.password"))) {
            Messages messages = new Messages(DSL.using(c, SQLDialect.POSTGRES));
            assertEquals(List.of(), messages.all(), "rows left by an earlier build");
            messages.send("hello");
            assertEquals(List.of("hello"), messages.all());
        }
    }
}
