package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The database the tests get has a table for every migration in the project, and no rows left by earlier tests. */
class MigratedIT {
    @Test
    void everyMigrationsTableIsThereAndEmpty() throws SQLException, IOException {
        List<String> tables;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            // V2__tag.sql creates the table tag
            tables = files.map(f -> f.getFileName().toString().replaceAll("^V\\d+__(\\w+)\\.sql$", "$1")).toList();
        }
        try (Connection db = DriverManager.getConnection(
                System.getProperty("db.url"), System.getProperty("db.user"), System.getProperty("db.password"))) {
            for (String table : tables) {
                try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    assertTrue(rs.next());
                    assertEquals(0, rs.getInt(1), "rows left in " + table + " by an earlier build's tests");
                }
                db.createStatement().execute("INSERT INTO " + table + " DEFAULT VALUES".replace(
                        " DEFAULT VALUES", table.equals("message") ? " (body) VALUES ('hello')" : " (name) VALUES ('t')"));
            }
            System.out.println("[MigratedIT] tables " + tables);
        }
    }
}
