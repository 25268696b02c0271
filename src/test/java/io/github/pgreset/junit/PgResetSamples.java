package io.github.pgreset.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Test classes as a project writes them with {@link PgReset}, run by {@link PgResetExtensionIT} through JUnit's own
 * engine (their names match no test pattern, so that Surefire and Failsafe leave them alone).
 */
final class PgResetSamples {
    static final String DATABASE = "pgreset_junit_it";
    static final String MIGRATIONS = "src/test/resources/junit/migrations";

    private PgResetSamples() {}

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("pgreset.url"),
                System.getProperty("pgreset.username"),
                System.getProperty("pgreset.password"));
    }

    static long count(String table) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The migrated database, as the migrations left it; the class then writes. */
    @PgReset(database = DATABASE, migrations = MIGRATIONS)
    static class Migrated {
        @Test
        void startsFromTheMigrations() throws SQLException {
            // this JVM's database: pgreset_junit_it, or pgreset_junit_it_2 and on while other JVMs have it
            assertThat(System.getProperty("pgreset.url")).matches(".*/" + DATABASE + "(_[0-9]+)?");
            System.out.println("[sample] Migrated on " + System.getProperty("pgreset.url"));
            assertThat(count("orders")).isEqualTo(1);
            execute("INSERT INTO orders VALUES (2, 7)");
        }
    }

    /** The next class finds none of what the one before wrote. */
    @PgReset(database = DATABASE, migrations = MIGRATIONS)
    static class MigratedAgain {
        @Test
        void findsNothingTheClassBeforeWrote() throws SQLException {
            assertThat(count("orders")).isEqualTo(1);
            execute("INSERT INTO orders VALUES (3, 9)");
        }
    }

    /** Fresh before each method. */
    @PgReset(database = DATABASE, migrations = MIGRATIONS, fresh = PgReset.Fresh.EACH_METHOD)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class EachMethod {
        @Test
        @Order(1)
        void writes() throws SQLException {
            assertThat(count("orders")).isEqualTo(1);
            execute("INSERT INTO orders VALUES (4, 1)");
        }

        @Test
        @Order(2)
        void findsNothingTheMethodBeforeWrote() throws SQLException {
            assertThat(count("orders")).isEqualTo(1);
        }
    }

    /** No migrations: an empty database, recreated. */
    @PgReset(
            database = "pgreset_junit_empty",
            migrations = {})
    static class Empty {
        @Test
        void isEmpty() throws SQLException {
            assertThat(count("pg_tables WHERE schemaname = 'public'")).isZero();
            execute("CREATE TABLE left_behind (id int)");
        }

        @Test
        void stillEmptyForTheOtherMethodsOfTheClass() throws SQLException {
            // fresh per class: the first method's table may be here, but no row of the migrations ever is
            assertThat(count("pg_tables WHERE schemaname = 'public' AND tablename = 'orders'"))
                    .isZero();
        }
    }
}
