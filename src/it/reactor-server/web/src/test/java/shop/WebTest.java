package shop;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class WebTest {
    @Test
    void writesToItsOwnFreshDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(
                System.getProperty("db.url"), System.getProperty("db.user"), System.getProperty("db.password"))) {
            c.createStatement().execute("CREATE TABLE session (id bigint)");
        }
        assertFalse(Boolean.parseBoolean(System.getProperty("fail")), "failing on purpose (-Dfail.web=true)");
    }
}
