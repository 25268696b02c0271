package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What the driver is given: the role, the goal's time, and no TLS on this machine unless the URL asks for it. */
class DriverConnectionTest {

    private static Properties properties(String host, String password, Map<String, String> fromUrl, int remaining) {
        return DriverConnection.properties(
                new ConnectionSettings(List.of(new HostPort(host, 5432)), "app", password, null, fromUrl), remaining);
    }

    @Test
    void theRoleThePasswordAndTheGoalsTime() {
        Properties props = properties("localhost", "s3cret", Map.of(), 30);
        assertThat(props.getProperty("user")).isEqualTo("app");
        assertThat(props.getProperty("password")).isEqualTo("s3cret");
        assertThat(props.getProperty("ApplicationName")).isEqualTo("pgreset");
        assertThat(props.getProperty("connectTimeout"))
                .as("a server that does not answer")
                .isEqualTo("5");
        assertThat(props.getProperty("loginTimeout")).isEqualTo("30");
        assertThat(props.getProperty("socketTimeout")).isEqualTo("40");
        assertThat(props.getProperty("assumeMinServerVersion")).isEqualTo("9.6");
        assertThat(properties("localhost", null, Map.of(), 2).getProperty("connectTimeout"))
                .isEqualTo("2");
        assertThat(properties("localhost", null, Map.of(), 2)).doesNotContainKey("password");
        assertThat(properties("localhost", null, Map.of("ApplicationName", "ci"), 2)
                        .getProperty("ApplicationName"))
                .isEqualTo("ci");
    }

    @Test
    void noTlsOnThisMachineUnlessTheUrlAsks() {
        for (String local : List.of("localhost", "127.0.0.1", "::1", "[::1]", "db.localhost")) {
            assertThat(properties(local, null, Map.of(), 30).getProperty("sslmode"))
                    .as(local)
                    .isEqualTo("disable");
        }
        assertThat(properties("localhost", null, Map.of("sslmode", "require"), 30)
                        .getProperty("sslmode"))
                .isEqualTo("require");
        assertThat(properties("localhost", null, Map.of("ssl", "true"), 30)).doesNotContainKey("sslmode");
        assertThat(properties("db.example.com", null, Map.of(), 30))
                .as("another machine: the driver's own default")
                .doesNotContainKey("sslmode");
        Properties mixed = DriverConnection.properties(
                new ConnectionSettings(
                        List.of(new HostPort("localhost", 5432), new HostPort("db.example.com", 5432)),
                        "app",
                        null,
                        null,
                        Map.of()),
                30);
        assertThat(mixed).doesNotContainKey("sslmode");
    }
}
