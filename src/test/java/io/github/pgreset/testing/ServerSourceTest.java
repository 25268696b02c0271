package io.github.pgreset.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.testing.ServerSource.Machine;
import org.junit.jupiter.api.Test;

/** Which route gives the integration tests their servers. */
class ServerSourceTest {
    @Test
    void listedServersComeFirst() {
        assertThat(ServerSource.choose(new Machine("jdbc:postgresql://127.0.0.1/postgres", true)))
                .isEqualTo(ServerSource.ENVIRONMENT);
    }

    @Test
    void dockerComesBeforePgresetsOwnServers() {
        assertThat(ServerSource.choose(new Machine(null, true))).isEqualTo(ServerSource.DOCKER);
        assertThat(ServerSource.choose(new Machine("  ", true))).isEqualTo(ServerSource.DOCKER);
        assertThat(ServerSource.choose(new Machine(null, false)))
                .as("as root too: pgreset's own server runs as an unprivileged account")
                .isEqualTo(ServerSource.EMBEDDED);
    }

    @Test
    void theInstructionsNameEveryRoute() {
        assertThat(ServerSource.instructions("nothing answered"))
                .contains("nothing answered")
                .contains("PGRESET_TEST_SERVERS")
                .contains("Docker")
                .contains(".ci/run")
                .contains("as an unprivileged account")
                .doesNotContain("ordinary user");
    }

    @Test
    void urlsAreSeparatedByWhiteSpace() {
        assertThat(ServerSource.urls(" jdbc:postgresql://a/postgres \n jdbc:postgresql://b:1,c:2/postgres "))
                .containsExactly("jdbc:postgresql://a/postgres", "jdbc:postgresql://b:1,c:2/postgres");
    }

    @Test
    void theDockerRouteStartsTheOfficialImageOfEachVersion() {
        assertThat(ServerSource.dockerImage(12)).isEqualTo("postgres:12-alpine");
        assertThat(ServerSource.dockerImage(18)).isEqualTo("postgres:18-alpine");
        assertThat(ServerSource.dockerCommand()).containsSubsequence("-c", "max_prepared_transactions=10");
    }

    @Test
    void dockerIsNotAskedForWhenServersAreListed() {
        // a listed server wins even where Docker answers: CI machines with Docker still use the servers they started
        assertThat(ServerSource.choose(new Machine("jdbc:postgresql://db/postgres", true)))
                .isEqualTo(ServerSource.ENVIRONMENT);
    }
}
