package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.pgreset.core.connection.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the server a build started stops: at the end of the last build that uses it, never while another uses it,
 * never when it was started by hand, with the JVM when the build is stopped, and at the next build's end when the JVM
 * was killed. The plugin's own server code, on the binaries the build copied, as root too (as an unprivileged account).
 */
class ServerLifetimeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Path home;
    private static Path folder;
    private static String release;
    private static LocalServers servers;

    @BeforeAll
    static void aHomeTheServersAccountCanReach() throws IOException {
        home = Files.createTempDirectory("pgreset-lifetime-");
        // as root the server runs as another account, which must reach its folder (a temporary folder is private)
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        folder = home.resolve("servers").resolve("shop");
        LocalBinaries binaries = LocalBinaries.ofTheBuild();
        release = binaries.releases("", Platform.current().artifactId()).stream()
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("No PostgreSQL binaries in target/pg-binaries:"
                        + " ./mvnw verify copies them there in pre-integration-test."))
                .text();
        servers = new LocalServers(home, binaries, ProgressListener.silent());
    }

    @AfterEach
    void noServerLeft() {
        servers.stop(folder, false, TIMEOUT);
    }

    @AfterAll
    static void removeTheServer() throws IOException {
        servers.stop(folder, true, TIMEOUT);
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private static StartResult start(boolean byHand) {
        return servers.start(new StartRequest(folder, VersionRequest.parse(release), 0, "chat", null, TIMEOUT, byHand));
    }

    @Test
    void theEndOfTheOnlyBuildThatUsesTheServerStopsIt() {
        StartResult started = start(false);
        assertThat(started.kept()).isFalse();
        assertThat(LocalServers.running(folder)).isPresent();

        ServerUse.Ended ended = started.use().end(TIMEOUT);

        assertThat(ended.outcome()).isEqualTo(ServerUse.Outcome.STOPPED);
        assertThat(LocalServers.running(folder)).isEmpty();
        assertThat(started.use().end(TIMEOUT).outcome()).as("ended once").isEqualTo(ServerUse.Outcome.ENDED_ALREADY);
    }

    @Test
    void aServerTwoBuildsUseStopsWithTheLastOfThem() {
        StartResult first = start(false);
        StartResult second = start(false);
        assertThat(second.reused()).isTrue();

        ServerUse.Ended firstEnded = first.use().end(TIMEOUT);
        assertThat(firstEnded.outcome()).isEqualTo(ServerUse.Outcome.OTHERS_USE_IT);
        assertThat(firstEnded.otherUsers()).isEqualTo(1);
        assertThat(LocalServers.running(folder))
                .as("the second build still runs on it")
                .isPresent();

        assertThat(second.use().end(TIMEOUT).outcome()).isEqualTo(ServerUse.Outcome.STOPPED);
        assertThat(LocalServers.running(folder)).isEmpty();
    }

    @Test
    void aServerStartedByHandOutlivesTheBuildsThatUseIt() {
        StartResult byHand = start(true);
        assertThat(byHand.use()).as("no build holds it").isNull();
        StartResult build = start(false);
        assertThat(build.kept()).isTrue();

        assertThat(build.use().end(TIMEOUT).outcome()).isEqualTo(ServerUse.Outcome.KEPT);
        assertThat(LocalServers.running(folder)).isPresent();
    }

    @Test
    void aBuildStartingItAgainAfterAStartByHandStopsItAtItsEnd() {
        start(true);
        servers.stop(folder, false, TIMEOUT); // mvn pgreset:stop
        StartResult build = start(false);
        assertThat(build.kept()).as("started now, for the build").isFalse();
        assertThat(build.use().end(TIMEOUT).outcome()).isEqualTo(ServerUse.Outcome.STOPPED);
    }

    @Test
    void aBuildStoppedWithSigtermStopsTheServerItStarted() throws Exception {
        Process build = buildInAJvmOfItsOwn();

        build.destroy(); // SIGTERM, as Ctrl-C, an IDE's stop button or a cancelled CI job

        assertThat(build.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(LocalServers.running(folder))
                .as("stopped by the build's shutdown hook")
                .isEmpty();
    }

    @Test
    void aServerLeftByAKilledBuildIsStoppedAtTheNextBuildsEnd() throws Exception {
        Process build = buildInAJvmOfItsOwn();

        build.destroyForcibly().waitFor(); // SIGKILL: no hook runs
        assertThat(LocalServers.running(folder)).as("nothing stopped it").isPresent();
        assertThat(usersFiles()).as("the killed build's file, no longer locked").isEqualTo(1);

        StartResult next = start(false);
        assertThat(next.reused()).isTrue();
        assertThat(next.use().end(TIMEOUT).outcome())
                .as("the killed build is not counted as a user")
                .isEqualTo(ServerUse.Outcome.STOPPED);
        assertThat(usersFiles()).as("its file was cleared away").isZero();
    }

    private static long usersFiles() throws IOException {
        Path users = folder.resolve("users");
        if (!Files.isDirectory(users)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(users)) {
            return files.count();
        }
    }

    /** A JVM that starts the server for a build and holds it, as {@code mvn verify} does until it ends. */
    private static Process buildInAJvmOfItsOwn() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        // a JVM that lives seconds: no optimising compiler competing with the goal for the CPU
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dpgreset.test.binaries=" + System.getProperty("pgreset.test.binaries", "target/pg-binaries"),
                        ServerUseProcess.class.getName(),
                        home.toString(),
                        folder.toString(),
                        release)
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String line;
        while ((line = out.readLine()) != null) {
            said.append(line).append('\n');
            if (line.equals("started")) {
                return process;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        process.destroyForcibly();
        return fail("The build's JVM did not start the server:\n" + said);
    }
}
