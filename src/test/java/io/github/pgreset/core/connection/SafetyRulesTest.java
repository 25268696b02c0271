package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetyRulesTest {
    private static ConnectionSettings on(String host) {
        return new ConnectionSettings(List.of(new HostPort(host, 5432)), "postgres", "pw", null, Map.of());
    }

    private static Target target(String database, String maintenance) {
        return new Target(
                new ConnectionSettings(
                        List.of(new HostPort("localhost", 5432)), "postgres", null, maintenance, Map.of()),
                new DatabaseName(database));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "LOCALHOST",
                "app.localhost",
                "127.0.0.1",
                "127.1.2.3",
                "::1",
                "[::1]",
                "0:0:0:0:0:0:0:1"
            })
    void localHostsAreAllowed(String host) {
        assertThat(SafetyRules.isLocal(host)).isTrue();
        assertThatNoException().isThrownBy(() -> SafetyRules.defaults().checkHost(on(host)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "db.example.com",
                "10.0.0.5",
                "192.168.1.10",
                "128.0.0.1",
                "localhost.example.com",
                "::2",
                "postgres"
            })
    void otherHostsNeedAllowRemote(String host) {
        assertThat(SafetyRules.isLocal(host)).isFalse();
        assertThatThrownBy(() -> SafetyRules.defaults().checkHost(on(host)))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("pgreset.allowRemote=true")
                .hasMessageContaining(host);
        assertThatNoException().isThrownBy(() -> new SafetyRules(true, Set.of()).checkHost(on(host)));
    }

    @Test
    void oneRemoteHostOfSeveralIsEnough() {
        ConnectionSettings mixed = new ConnectionSettings(
                List.of(new HostPort("localhost", 5432), new HostPort("db.example.com", 5432)),
                "u",
                null,
                null,
                Map.of());
        assertThatThrownBy(() -> SafetyRules.defaults().checkHost(mixed)).hasMessageContaining("db.example.com:5432");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "template0", "template1"})
    void systemDatabasesAreNeverDropped(String name) {
        assertThatThrownBy(() -> new SafetyRules(true, Set.of()).check(target(name, null), null, SafetyRules.Use.DROP))
                .hasMessageContaining("Refusing to drop database \"" + name + "\"")
                .hasMessageContaining("system database");
    }

    @Test
    void theMaintenanceAndProtectedDatabasesAreNeverDropped() {
        assertThatThrownBy(() -> SafetyRules.defaults().check(target("admin", "admin"), "admin", SafetyRules.Use.DROP))
                .hasMessageContaining("maintenance database");
        assertThatThrownBy(() ->
                        new SafetyRules(false, Set.of("chat")).check(target("chat", null), null, SafetyRules.Use.DROP))
                .hasMessageContaining("pgreset.protectedDatabases");
        assertThatNoException().isThrownBy(() -> new SafetyRules(false, Set.of("chat"))
                .check(target("Chat", null), null, SafetyRules.Use.DROP));
    }
}
