package io.github.pgreset.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.maven.internal.ServerCredentials.Sources;
import java.util.List;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;

/** Which credentials win: the command line over the POM, settings.xml's server when it is the one given. */
class ServerCredentialsTest {
    private static final Settings SETTINGS = new Settings();

    static {
        Server server = new Server();
        server.setId("team-postgres");
        server.setUsername("team");
        server.setPassword("{encrypted}");
        SETTINGS.addServer(server);
    }

    /** Settings.xml's decryption as Maven does it, with a fixed password for the one server. */
    private static final SettingsDecrypter DECRYPTER = new SettingsDecrypter() {
        @Override
        public SettingsDecryptionResult decrypt(SettingsDecryptionRequest request) {
            Server decrypted = request.getServers().get(0).clone();
            decrypted.setPassword("decrypted");
            return new SettingsDecryptionResult() {
                @Override
                public Server getServer() {
                    return decrypted;
                }

                @Override
                public List<Server> getServers() {
                    return List.of(decrypted);
                }

                @Override
                public org.apache.maven.settings.Proxy getProxy() {
                    return null;
                }

                @Override
                public List<org.apache.maven.settings.Proxy> getProxies() {
                    return List.of();
                }

                @Override
                public List<SettingsProblem> getProblems() {
                    return List.of();
                }
            };
        }
    };

    @Test
    void theServerOfSettingsXmlIsDecrypted() throws Exception {
        assertThat(ServerCredentials.resolve("team-postgres", null, null, Sources.POM, SETTINGS, DECRYPTER))
                .isEqualTo(new ServerCredentials("team", "decrypted"));
    }

    @Test
    void aUsernameAndPasswordOnTheCommandLineReplaceThePomsServerId() throws Exception {
        assertThat(ServerCredentials.resolve(
                        "team-postgres", "alice", "secret", new Sources(false, true), SETTINGS, DECRYPTER))
                .isEqualTo(new ServerCredentials("alice", "secret"));
    }

    @Test
    void aServerIdOnTheCommandLineReplacesThePomsUsernameAndPassword() throws Exception {
        assertThat(ServerCredentials.resolve(
                        "team-postgres", "pom-user", "pom-secret", new Sources(true, false), SETTINGS, DECRYPTER))
                .isEqualTo(new ServerCredentials("team", "decrypted"));
    }

    @Test
    void bothInTheSamePlaceAreRefused() {
        for (Sources sources : List.of(Sources.POM, new Sources(true, true))) {
            assertThatThrownBy(() ->
                            ServerCredentials.resolve("team-postgres", "alice", null, sources, SETTINGS, DECRYPTER))
                    .isInstanceOf(PgResetException.class)
                    .hasMessageContaining("Use one or the other");
        }
    }

    @Test
    void aServerIdThatSettingsXmlLacksSaysSo() {
        assertThatThrownBy(() -> ServerCredentials.resolve("nope", null, null, Sources.POM, SETTINGS, DECRYPTER))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("settings.xml has no <server> with that <id>");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(new ServerCredentials("alice", "secret").toString()).doesNotContain("secret");
    }
}
