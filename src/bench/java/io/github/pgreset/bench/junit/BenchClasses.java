package io.github.pgreset.bench.junit;

import io.github.pgreset.junit.PgReset;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The test classes {@link JUnitBenchmark} runs: ten with {@code @PgReset} and ten without, otherwise the same. Each has
 * one test that stands for a test's own work: with {@code pgreset.bench.connect}, it connects to the database and reads
 * from it (the JVM's first login, which every database test pays); then it waits {@code pgreset.bench.testMillis}
 * (default 0), as a test waits for its application's answers, the time in which the next copy is made.
 */
public final class BenchClasses {
    private BenchClasses() {}

    abstract static class Work {
        @Test
        void work() throws Exception {
            if (Boolean.getBoolean("pgreset.bench.connect")) {
                // as a database test does: a connection to the database (@PgReset's, or one given beforehand)
                try (Connection connection = DriverManager.getConnection(
                                System.getProperty("pgreset.url"),
                                System.getProperty("pgreset.username"),
                                System.getProperty("pgreset.password"));
                        Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT count(*) FROM orders").close();
                }
            }
            Thread.sleep(Long.getLong("pgreset.bench.testMillis", 0));
        }
    }

    @PgReset(database = JUnitBenchmark.DATABASE)
    abstract static class Reset extends Work {}

    public static class Reset1 extends Reset {}

    public static class Reset2 extends Reset {}

    public static class Reset3 extends Reset {}

    public static class Reset4 extends Reset {}

    public static class Reset5 extends Reset {}

    public static class Reset6 extends Reset {}

    public static class Reset7 extends Reset {}

    public static class Reset8 extends Reset {}

    public static class Reset9 extends Reset {}

    public static class Reset10 extends Reset {}

    public static class Plain1 extends Work {}

    public static class Plain2 extends Work {}

    public static class Plain3 extends Work {}

    public static class Plain4 extends Work {}

    public static class Plain5 extends Work {}

    public static class Plain6 extends Work {}

    public static class Plain7 extends Work {}

    public static class Plain8 extends Work {}

    public static class Plain9 extends Work {}

    public static class Plain10 extends Work {}
}
