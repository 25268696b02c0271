package io.github.pgreset.testing;

import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.server.LocalBinaries;
import io.github.pgreset.core.server.LocalServer;
import io.github.pgreset.core.server.LocalServers;
import io.github.pgreset.core.server.Platform;
import io.github.pgreset.core.server.Release;
import io.github.pgreset.core.server.StartRequest;
import io.github.pgreset.core.server.StartResult;
import io.github.pgreset.core.server.StopPath;
import io.github.pgreset.core.server.VersionRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The servers of one test run, started once per JVM and stopped at its end. */
final class TestServers implements AutoCloseable {
    // the driver itself, not DriverManager: the invoker's verify scripts run in a class loader DriverManager ignores
    private static final Driver DRIVER = new Driver();

    static final String VERSIONS_PROPERTY = "pgreset.test.versions";
    static final String BINARIES_PROPERTY = "pgreset.test.binaries";
    /** {@link PgServer#source()} of a server in a container. */
    static final String DOCKER_SOURCE = "Testcontainers";

    private final List<PgServer> servers = new ArrayList<>();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<Runnable> preloads = new ArrayList<>();

    List<PgServer> servers() {
        return servers;
    }

    static TestServers start() {
        String variable = System.getenv(ServerSource.SERVERS_VARIABLE);
        boolean hasVariable = variable != null && !variable.isBlank();
        ServerSource source = ServerSource.choose(new ServerSource.Machine(variable, !hasVariable && docker()));
        TestServers started = new TestServers();
        try {
            if (source == ServerSource.ENVIRONMENT) {
                for (String url : ServerSource.urls(variable)) {
                    started.servers.add(fromUrl(url));
                }
            } else {
                for (int major : versions()) {
                    started.servers.add(
                            source == ServerSource.DOCKER ? started.docker(major) : started.embedded(major));
                }
            }
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        // one line in the build output that says which servers the integration tests ran against
        System.out.println("[pgreset-test] integration tests run against: "
                + started.servers.stream().map(PgServer::toString).collect(java.util.stream.Collectors.joining(", ")));
        return started;
    }

    /** The servers at these JDBC URLs; {@code stop} runs when they are closed. */
    static TestServers fromUrls(List<String> urls, AutoCloseable stop) {
        TestServers servers = new TestServers();
        servers.running.add(stop);
        for (String url : urls) {
            servers.servers.add(fromUrl(url));
        }
        return servers;
    }

    private static boolean docker() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static List<Integer> versions() {
        List<Integer> versions = new ArrayList<>();
        for (String v : System.getProperty(VERSIONS_PROPERTY, "12,18").split(",")) {
            if (!v.isBlank()) {
                versions.add(Integer.parseInt(v.trim()));
            }
        }
        return versions;
    }

    private static PgServer fromUrl(String url) {
        Properties parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            throw new IllegalStateException(ServerSource.SERVERS_VARIABLE + " holds \"" + url + "\", which is not a "
                    + "PostgreSQL JDBC URL. " + ServerSource.instructions("the URL cannot be read"));
        }
        String host = parsed.getProperty("PGHOST");
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432"));
        String user = parsed.getProperty("user", "postgres");
        String password = parsed.getProperty("password");
        return new PgServer(
                version(url, user, password), host, port, user, password, "from " + ServerSource.SERVERS_VARIABLE);
    }

    private static ServerVersion version(String url, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        try (Connection c = DRIVER.connect(url, props)) {
            return ServerVersion.parse(((PGConnection) c).getParameterStatus("server_version"));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot connect to the test server " + url.replaceAll("password=[^&]*", "password=***") + ": "
                            + e.getMessage() + ". "
                            + ServerSource.instructions(
                                    "a server listed in " + ServerSource.SERVERS_VARIABLE + " does not answer"),
                    e);
        }
    }

    private PgServer docker(int major) {
        PostgreSQLContainer container = new PostgreSQLContainer(ServerSource.dockerImage(major))
                .withCommand(ServerSource.dockerCommand().toArray(String[]::new));
        container.start();
        running.add(container::stop);
        return new PgServer(
                version(container.getJdbcUrl(), container.getUsername(), container.getPassword()),
                container.getHost(),
                container.getFirstMappedPort(),
                container.getUsername(),
                container.getPassword(),
                DOCKER_SOURCE);
    }

    /**
     * A server of pgreset's own ({@code pgreset:start}'s code, on the binaries the build copied to target/pg-binaries),
     * as root run as an unprivileged account, as {@code pgreset:start} runs it. Its folder, under pgreset's home, is
     * this build's and this version's, kept from run to run (initdb once): the invoker builds' server and the
     * integration tests' share it while both run, and the last of them stops it.
     */
    private PgServer embedded(int major) {
        Path binariesFolder = Path.of(System.getProperty(BINARIES_PROPERTY, "target/pg-binaries"))
                .toAbsolutePath();
        LocalBinaries binaries = new LocalBinaries(binariesFolder);
        Release release = binaries.releases("", Platform.current().artifactId()).stream()
                .filter(r -> r.major().equals(String.valueOf(major)))
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException(ServerSource.instructions("there are no binaries of"
                        + " PostgreSQL " + major + " in " + binariesFolder + " (./mvnw verify copies them there in"
                        + " pre-integration-test; add the version to the pg-binaries execution in pom.xml)")));
        Path home = LocalServers.defaultHome(Path.of(System.getProperty("user.home")));
        Path folder = LocalServers.defaultDataDirectory(home.resolve("tests"), binariesFolder.resolve("pg" + major));
        LocalServers servers = new LocalServers(home, binaries, ProgressListener.silent());
        Duration timeout = Duration.ofMinutes(2);
        StartResult started;
        try {
            started = servers.start(new StartRequest(
                    folder,
                    VersionRequest.parse(release.text()),
                    0,
                    "postgres",
                    null,
                    timeout,
                    false,
                    ServerSource.SERVER_SETTINGS));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "PostgreSQL " + release + " did not start in " + folder + ": " + e.getMessage() + " "
                            + ServerSource.instructions("pgreset's own server did not start"),
                    e);
        }
        // stopped at the end of the run when nothing else uses it; the use's shutdown hook does it if the run is
        // stopped
        running.add(() -> started.use().end(timeout));
        preloads.add(() -> StopPath.load(servers, folder, release));
        LocalServer server = started.server();
        return new PgServer(
                version(server.url("postgres"), server.superuser(), server.password()),
                LocalServer.HOST,
                server.port(),
                server.superuser(),
                server.password(),
                "pgreset's own server, " + release);
    }

    /**
     * Loads what the end of the run needs to stop pgreset's own servers, for a JVM whose class loader closes before its
     * shutdown hooks run (the invoker builds' server, started by exec:java).
     */
    void loadWhatTheirStopNeeds() {
        preloads.forEach(Runnable::run);
    }

    @Override
    public void close() {
        for (AutoCloseable server : running) {
            try {
                server.close();
            } catch (Exception e) {
                // stopping a test server: nothing to do about a failure
            }
        }
    }
}
