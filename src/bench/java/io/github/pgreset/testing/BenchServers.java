package io.github.pgreset.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark's servers, found as the tests find theirs (PGRESET_TEST_SERVERS, Docker, embedded binaries), kept to
 * the major versions in {@code pgreset.bench.versions} (default 12 and 18); for the clone case alone, run as root, the
 * servers of {@code src/bench/clone-servers.sh}.
 */
public final class BenchServers implements AutoCloseable {
    private final TestServers servers;
    private final List<PgServer> chosen;

    private BenchServers(TestServers servers, List<PgServer> chosen) {
        this.servers = servers;
        this.chosen = chosen;
    }

    public static BenchServers start() {
        String variable = System.getenv(ServerSource.SERVERS_VARIABLE);
        if ((variable == null || variable.isBlank())
                && "root".equals(System.getProperty("user.name"))
                && "clone".equals(System.getProperty("pgreset.bench.cases"))) {
            return cloneServers();
        }
        String versions = System.getProperty("pgreset.bench.versions", "12,18");
        if (System.getProperty(TestServers.VERSIONS_PROPERTY) == null) {
            System.setProperty(TestServers.VERSIONS_PROPERTY, versions);
        }
        Set<Integer> wanted = java.util.Arrays.stream(versions.split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .collect(Collectors.toSet());
        TestServers servers = TestServers.start();
        List<PgServer> chosen = servers.servers().stream()
                .filter(s -> wanted.contains(s.version().major()))
                .toList();
        if (chosen.isEmpty()) {
            servers.close();
            throw new IllegalStateException("None of the test servers runs PostgreSQL " + versions
                    + " (pgreset.bench.versions); list such servers in PGRESET_TEST_SERVERS.");
        }
        return new BenchServers(servers, chosen);
    }

    /**
     * The clone case alone, run as root with no servers given: src/bench/clone-servers.sh makes the XFS image and
     * starts PostgreSQL 18 on it and on this machine's own file system, and stops them when the benchmark ends.
     */
    private static BenchServers cloneServers() {
        Path script = Path.of("src/bench/clone-servers.sh");
        List<String> urls = List.of(run(script, "start").strip().split("\\s+"));
        TestServers servers = TestServers.fromUrls(urls, () -> run(script, "stop"));
        return new BenchServers(servers, servers.servers());
    }

    /** Runs the script, its standard error shown, and returns its standard output. */
    private static String run(Path script, String command) {
        try {
            Process process = new ProcessBuilder("bash", script.toString(), command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(script + " " + command + " failed (exit " + process.exitValue() + ")");
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<PgServer> servers() {
        return chosen;
    }

    @Override
    public void close() {
        servers.close();
    }
}
