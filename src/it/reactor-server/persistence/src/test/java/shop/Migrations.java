package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.stream.Stream;

final class Migrations {
    private Migrations() {}

    /** The database of db.url has applied exactly the migrations in {@code folder}. */
    static void assertApplied(Path folder) throws Exception {
        long files;
        try (Stream<Path> migrations = Files.list(folder)) {
            files = migrations.filter(f -> f.toString().endsWith(".sql")).count();
        }
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("db.url"), System.getProperty("db.user"), System.getProperty("db.password"));
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rs.next();
            assertEquals(files, rs.getLong(1), "migrations applied in " + System.getProperty("db.url"));
        }
        System.out.println("[reactor-it] " + System.getProperty("db.url") + " has " + files + " migrations");
    }
}
