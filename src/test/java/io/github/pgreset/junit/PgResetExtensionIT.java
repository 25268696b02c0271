package io.github.pgreset.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.server.LocalBinaries;
import io.github.pgreset.core.server.LocalServers;
import io.github.pgreset.core.server.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@link PgReset} as a project's tests use it, run through JUnit's own engine: in this JVM, one class per run as
 * Surefire hands them to a fork, and in JVMs of their own that end, as an IDE runs them. The server is started for the
 * tests (in folders of this test's own) and stopped when the last JVM using it ends; each class starts from the
 * migrated database, each method too when asked, and a class without migrations from an empty one.
 */
class PgResetExtensionIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern SAMPLE_URL = Pattern.compile("\\[sample] Migrated on (\\S+)");

    private static Path home;
    private static String release;

    @BeforeAll
    static void foldersOfItsOwn() throws IOException {
        home = Files.createTempDirectory("pgreset-junit-");
        // as root the server runs as another account, which must reach its folder (a temporary folder is private)
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        release = LocalBinaries.ofTheBuild().releases("", Platform.current().artifactId()).stream()
                .max(Comparator.naturalOrder())
                .orElseThrow()
                .text();
        System.setProperty("pgreset.postgresVersion", release);
    }

    @AfterAll
    static void removeTheServers() {
        System.clearProperty("pgreset.dataDirectory");
        System.clearProperty("pgreset.postgresVersion");
        LocalServers servers = new LocalServers(home, LocalBinaries.ofTheBuild(), ProgressListener.silent());
        for (String name : List.of("in-this-jvm", "in-jvms-of-their-own")) {
            servers.stop(home.resolve(name), true, Duration.ofMinutes(1));
        }
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .execute();
    }

    @Test
    void classesRunOneByOneInAJvmShareItsServerAndDatabase() {
        Path folder = home.resolve("in-this-jvm");
        System.setProperty("pgreset.dataDirectory", folder.toString());
        try {
            // Surefire's forks with forkCount above 1 get one class at a time: a run of JUnit's for each
            List<String> urls = new ArrayList<>();
            for (Class<?> sample : List.of(
                    PgResetSamples.Migrated.class,
                    PgResetSamples.MigratedAgain.class,
                    PgResetSamples.EachMethod.class,
                    PgResetSamples.Migrated.class)) {
                long tests = sample == PgResetSamples.EachMethod.class ? 2 : 1;
                run(sample).testEvents().assertStatistics(stats -> stats.succeeded(tests)
                        .failed(0));
                urls.add(System.getProperty("pgreset.url"));
            }
            run(PgResetSamples.Empty.class).testEvents().assertStatistics(stats -> stats.succeeded(2)
                    .failed(0));

            assertThat(urls).as("one database for the JVM").containsOnly(urls.get(0));
            assertThat(urls.get(0)).endsWith("/" + PgResetSamples.DATABASE);
            assertThat(LocalServers.running(folder))
                    .as("held from one run to the next, until the JVM ends")
                    .isPresent();
        } finally {
            System.clearProperty("pgreset.dataDirectory");
        }
    }

    @Test
    void jvmsOfTheirOwnGetADatabaseEachAndTheLastOneToEndStopsTheServer() throws Exception {
        Path folder = home.resolve("in-jvms-of-their-own");
        String[] samples = {
            PgResetSamples.Migrated.class.getName(),
            PgResetSamples.MigratedAgain.class.getName(),
            PgResetSamples.EachMethod.class.getName(),
            PgResetSamples.Empty.class.getName()
        };
        // the first makes the snapshot; the two after it, at once, restore it on a database each
        String first = passes(samplesInAJvm(folder, samples));
        Process second = samplesInAJvm(folder, samples);
        Process third = samplesInAJvm(folder, samples);
        List<String> urls = List.of(url(first), url(passes(second)), url(passes(third)));

        assertThat(urls.get(0)).endsWith("/" + PgResetSamples.DATABASE);
        assertThat(urls.subList(1, 3))
                .as("two JVMs at once: a database each")
                .containsExactlyInAnyOrder(urls.get(0), urls.get(0) + "_2");
        assertThat(LocalServers.running(folder))
                .as("the last JVM's end stopped the server the tests started")
                .isEmpty();
    }

    private static Process samplesInAJvm(Path folder, String... classes) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dpgreset.dataDirectory=" + folder,
                "-Dpgreset.postgresVersion=" + release,
                SamplesInAJvm.class.getName()));
        command.addAll(List.of(classes));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** What the JVM printed, once it ended having passed every test. */
    private static String passes(Process jvm) throws IOException, InterruptedException {
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("ended:\n%s", output)
                .isTrue();
        assertThat(jvm.exitValue()).as("every test passed:\n%s", output).isZero();
        return output;
    }

    private static String url(String output) {
        Matcher found = SAMPLE_URL.matcher(output);
        assertThat(found.find())
                .as("the sample printed its database:\n%s", output)
                .isTrue();
        return found.group(1);
    }
}
