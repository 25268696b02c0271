package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.ServerVersion.Feature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerVersionTest {
    @ParameterizedTest
    @CsvSource({
        "12.22, 120022, 12, 12.22",
        "18.1, 180001, 18, 18.1",
        "'15.13 (Debian 15.13-1.pgdg120+1)', 150013, 15, 15.13",
        "9.6.24, 90624, 9, 9.6.24",
        "17beta1, 170000, 17, 17.0",
        "16devel, 160000, 16, 16.0"
    })
    void readsTheReportedServerVersion(String reported, int number, int major, String shown) {
        ServerVersion version = ServerVersion.parse(reported);
        assertThat(version.number()).isEqualTo(number);
        assertThat(version.major()).isEqualTo(major);
        assertThat(version).hasToString(shown);
    }

    @Test
    void featuresStartAtTheirRelease() {
        assertThat(ServerVersion.parse("12.22").supports(Feature.DROP_FORCE)).isFalse();
        assertThat(ServerVersion.parse("13.0").supports(Feature.DROP_FORCE)).isTrue();
        assertThat(ServerVersion.parse("14.9").supports(Feature.CREATE_STRATEGY))
                .isFalse();
        assertThat(ServerVersion.parse("15.1").supports(Feature.CREATE_STRATEGY))
                .isTrue();
        assertThat(ServerVersion.parse("9.6.24").supports(Feature.BACKEND_TYPE)).isFalse();
    }
}
