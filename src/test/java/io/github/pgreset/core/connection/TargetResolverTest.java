package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetResolverTest {
    private static final LibpqEnvironment NO_ENV = LibpqEnvironment.none();

    private static Target resolve(LibpqEnvironment env, String url, String database, String user, String password) {
        return new TargetResolver(env, "osuser").resolve(new ConnectionRequest(url, database, user, password, null));
    }

    @Test
    void theUrlGivesHostPortDatabaseAndDriverProperties() {
        Target t = resolve(NO_ENV, "jdbc:postgresql://127.0.0.1:5433/chat?sslmode=disable", null, "alice", "pw");
        assertThat(t.connection().hosts()).containsExactly(new HostPort("127.0.0.1", 5433));
        assertThat(t.database().value()).isEqualTo("chat");
        assertThat(t.connection().user()).isEqualTo("alice");
        assertThat(t.connection().password()).isEqualTo("pw");
        assertThat(t.connection().driverProperties()).containsEntry("sslmode", "disable");
        assertThat(t.describe()).isEqualTo("database \"chat\" on 127.0.0.1:5433");
    }

    @Test
    void parametersOverrideTheUrlAndTheUrlOverridesTheEnvironment() {
        LibpqEnvironment env = LibpqEnvironment.of(
                Map.of("PGUSER", "envuser", "PGPASSWORD", "envpw", "PGHOST", "envhost", "PGDATABASE", "envdb"));
        Target fromUrl = resolve(env, "jdbc:postgresql://localhost/chat?user=urluser&password=urlpw", null, null, null);
        assertThat(fromUrl.connection().user()).isEqualTo("urluser");
        assertThat(fromUrl.connection().password()).isEqualTo("urlpw");
        assertThat(fromUrl.connection().hosts()).containsExactly(new HostPort("localhost", 5432));

        Target overridden = resolve(env, "jdbc:postgresql://localhost/chat?user=urluser", "other", "param", "parampw");
        assertThat(overridden.database().value()).isEqualTo("other");
        assertThat(overridden.connection().user()).isEqualTo("param");
        assertThat(overridden.connection().password()).isEqualTo("parampw");

        Target envCredentials = resolve(env, "jdbc:postgresql://localhost/chat", null, null, null);
        assertThat(envCredentials.connection().user()).isEqualTo("envuser");
        assertThat(envCredentials.connection().password()).isEqualTo("envpw");
    }

    @Test
    void withoutAUrlTheLibpqEnvironmentIsUsed() {
        LibpqEnvironment env = LibpqEnvironment.of(
                Map.of("PGHOST", "127.0.0.1,localhost", "PGPORT", "5433,5434", "PGUSER", "bob", "PGDATABASE", "chat"));
        Target t = resolve(env, null, null, null, null);
        assertThat(t.connection().hosts())
                .containsExactly(new HostPort("127.0.0.1", 5433), new HostPort("localhost", 5434));
        assertThat(t.connection().user()).isEqualTo("bob");
        assertThat(t.connection().password()).isNull();
        assertThat(t.database().value()).isEqualTo("chat");
    }

    @Test
    void withoutAUrlPgsslmodeAsksForTlsAsPsqlWould() {
        Target t = resolve(LibpqEnvironment.of(Map.of("PGSSLMODE", "require")), null, "chat", null, null);
        assertThat(t.connection().driverProperties()).containsEntry("sslmode", "require");
        Target fromUrl = resolve(
                LibpqEnvironment.of(Map.of("PGSSLMODE", "require")),
                "jdbc:postgresql://localhost/chat",
                null,
                null,
                null);
        assertThat(fromUrl.connection().driverProperties())
                .as("the URL says it all, as for Flyway")
                .doesNotContainKey("sslmode");
    }

    @Test
    void defaultsAreLocalhost5432AndTheOperatingSystemUser() {
        Target t = resolve(NO_ENV, null, "chat", null, null);
        assertThat(t.connection().hosts()).containsExactly(new HostPort("localhost", 5432));
        assertThat(t.connection().user()).isEqualTo("osuser");
    }

    @Test
    void aDatabaseIsRequired() {
        assertThatThrownBy(() -> resolve(NO_ENV, null, null, null, null)).hasMessageContaining("pgreset.database");
        assertThatThrownBy(() -> resolve(NO_ENV, "jdbc:postgresql://localhost/", null, null, null))
                .hasMessageContaining("pgreset.database");
    }

    @Test
    void percentEncodedNamesAreDecoded() {
        assertThat(resolve(NO_ENV, "jdbc:postgresql://localhost/My%20Chat", null, "u", null)
                        .database()
                        .value())
                .isEqualTo("My Chat");
    }

    @Test
    void badInputIsExplained() {
        assertThatThrownBy(() -> resolve(NO_ENV, "jdbc:mysql://localhost/chat", null, null, null))
                .hasMessageContaining("not a PostgreSQL JDBC URL");
        assertThatThrownBy(() ->
                        resolve(LibpqEnvironment.of(Map.of("PGHOST", "/var/run/postgresql")), null, "chat", null, null))
                .hasMessageContaining("Unix socket");
        assertThatThrownBy(() -> resolve(LibpqEnvironment.of(Map.of("PGPORT", "x")), null, "chat", null, null))
                .hasMessageContaining("not a TCP port");
    }

    @Test
    void thePasswordNeverShowsInToString() {
        Target t = resolve(NO_ENV, "jdbc:postgresql://localhost/chat", null, "u", "s3cret");
        assertThat(t.toString()).doesNotContain("s3cret");
        assertThat(new ConnectionRequest(null, null, null, "s3cret", null).toString())
                .doesNotContain("s3cret");
        assertThat(LibpqEnvironment.of(Map.of("PGPASSWORD", "s3cret")).toString())
                .doesNotContain("s3cret");
        assertThat(t.connection().hosts()).isEqualTo(List.of(new HostPort("localhost", 5432)));
    }
}
