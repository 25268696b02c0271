package io.github.pgreset.testing;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark's servers, found as the tests find theirs (PGRESET_TEST_SERVERS, Docker, embedded binaries), kept to
 * the major versions in {@code pgreset.bench.versions} (default 12 and 18).
 */
public final class BenchServers implements AutoCloseable {
    private final TestServers servers;
    private final List<PgServer> chosen;

    private BenchServers(TestServers servers, List<PgServer> chosen) {
        this.servers = servers;
        this.chosen = chosen;
    }

    public static BenchServers start() {
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

    public List<PgServer> servers() {
        return chosen;
    }

    @Override
    public void close() {
        servers.close();
    }
}
