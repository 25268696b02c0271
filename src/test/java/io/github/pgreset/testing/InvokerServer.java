package io.github.pgreset.testing;

import io.github.pgreset.core.ServerVersion;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The server the Maven invoker builds in {@code src/it} run against, found the same way as for the other integration
 * tests: the first of {@code PGRESET_TEST_SERVERS}, else a container (Docker) or an embedded server of the first
 * version in {@code pgreset.test.versions}.
 *
 * <p>{@code pom.xml} runs {@link #main} in the Maven JVM in {@code pre-integration-test} (exec:java): it writes the
 * server's address to a properties file that the invoker passes on to every build as {@code it.pg.*} properties and
 * to the verify scripts, which read it back with {@link #load}. A started server lives until Maven exits.
 */
public final class InvokerServer {
    private InvokerServer() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: InvokerServer <properties file to write>");
        }
        // the process ends with Maven's; a container or an embedded server stops with it
        @SuppressWarnings("resource")
        PgServer server = TestServers.start().servers().get(0);
        loadWhatTheShutdownHookNeeds();
        Properties properties = new Properties();
        properties.setProperty("it.pg.host", server.host());
        properties.setProperty("it.pg.port", String.valueOf(server.port()));
        properties.setProperty("it.pg.user", server.user());
        properties.setProperty("it.pg.password", server.password() == null ? "" : server.password());
        properties.setProperty("it.pg.version", String.valueOf(server.version().number()));
        properties.setProperty("it.pg.source", server.source());
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "the PostgreSQL server of the invoker integration tests (src/it)");
        }
        System.out.println("[pgreset-test] invoker integration tests run against: " + server);
    }

    /**
     * exec:java closes the class loader of this class when {@link #main} returns, long before the embedded server's
     * shutdown hook stops the server and deletes its data directory with commons-io: that code is loaded now, by
     * deleting a small directory the same way.
     */
    private static void loadWhatTheShutdownHookNeeds() throws IOException {
        Path dir = Files.createTempDirectory("pgreset-it");
        Files.writeString(Files.createDirectories(dir.resolve("base")).resolve("1"), "");
        org.apache.commons.io.FileUtils.deleteDirectory(dir.toFile());
    }

    /** The server {@link #main} wrote to {@code file}, for the verify scripts. */
    public static PgServer load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        String password = properties.getProperty("it.pg.password");
        return new PgServer(
                new ServerVersion(Integer.parseInt(properties.getProperty("it.pg.version"))),
                properties.getProperty("it.pg.host"),
                Integer.parseInt(properties.getProperty("it.pg.port")),
                properties.getProperty("it.pg.user"),
                password == null || password.isEmpty() ? null : password,
                properties.getProperty("it.pg.source"));
    }
}
