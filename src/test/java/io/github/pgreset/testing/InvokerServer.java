package io.github.pgreset.testing;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PruneType;
import io.github.pgreset.core.connection.ServerVersion;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.ResourceReaper;

/**
 * The servers the Maven invoker builds in {@code src/it} run against, found the same way as for the other integration
 * tests: the newest and the oldest of {@code PGRESET_TEST_SERVERS} (each build runs once on each), else a container
 * (Docker) or an embedded server of the version in {@code pgreset.test.versions}.
 *
 * <p>{@code pom.xml} runs {@link #main} in the Maven JVM in {@code pre-integration-test} (exec:java): it writes the
 * servers' addresses to properties files that the invoker passes on to every build as {@code it.pg.*} properties and
 * to the verify scripts, which read it back with {@link #load}. A started server lives until Maven exits.
 */
public final class InvokerServer {
    private InvokerServer() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "usage: InvokerServer <properties file of the newest server> <properties file of the oldest>");
        }
        // the process ends with Maven's; a container or pgreset's own server stops with it
        @SuppressWarnings("resource")
        TestServers started = TestServers.start();
        List<PgServer> servers = started.servers();
        Comparator<PgServer> byVersion = Comparator.comparing(PgServer::version);
        PgServer newest = servers.stream().max(byVersion).orElseThrow();
        PgServer oldest = servers.stream().min(byVersion).orElseThrow();
        started.loadWhatTheirStopNeeds();
        if (servers.stream().anyMatch(server -> server.source().equals(TestServers.DOCKER_SOURCE))) {
            loadWhatTestcontainersCleanupNeeds();
        }
        // the newest for the builds, with the oldest beside it as it.pg.oldest.* (the invoker execution that runs
        // on the oldest server takes those); each server also on its own, for the setup and verify scripts
        Properties both = properties(newest, "it.pg.");
        both.putAll(properties(oldest, "it.pg.oldest."));
        write(both, Path.of(args[0]));
        write(properties(oldest, "it.pg."), Path.of(args[1]));
        System.out.println("[pgreset-test] invoker integration tests run against: " + newest
                + (oldest == newest ? "" : " and " + oldest));
    }

    private static Properties properties(PgServer server, String prefix) {
        Properties properties = new Properties();
        properties.setProperty(prefix + "host", server.host());
        properties.setProperty(prefix + "port", String.valueOf(server.port()));
        properties.setProperty(prefix + "user", server.user());
        properties.setProperty(prefix + "password", server.password() == null ? "" : server.password());
        properties.setProperty(
                prefix + "version", String.valueOf(server.version().number()));
        properties.setProperty(prefix + "source", server.source());
        return properties;
    }

    private static void write(Properties properties, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "the PostgreSQL server of the invoker integration tests (src/it)");
        }
    }

    /**
     * With Ryuk disabled (TESTCONTAINERS_RYUK_DISABLED=true, common on CI services), Testcontainers removes the
     * container in a JVM shutdown hook, whose classes exec:java's closed class loader can no longer load
     * ({@code NoClassDefFoundError: com/github/dockerjava/api/model/PruneType}, and the container outlives Maven). That
     * very clean-up runs once now, for a label that nothing carries, so that everything it needs is loaded.
     */
    private static void loadWhatTestcontainersCleanupNeeds() {
        ResourceReaper reaper = ResourceReaper.instance();
        if (!reaper.getClass().getSimpleName().equals("JVMHookResourceReaper")) {
            return; // Ryuk removes the container when this JVM's connection to it closes
        }
        try {
            Method prune = reaper.getClass().getDeclaredMethod("prune", PruneType.class, List.class);
            prune.setAccessible(true);
            List<Map.Entry<String, String>> nothing =
                    List.of(Map.entry("label", "io.github.pgreset.nothing=" + UUID.randomUUID()));
            // the four kinds its shutdown hook prunes
            for (PruneType type :
                    List.of(PruneType.CONTAINERS, PruneType.NETWORKS, PruneType.VOLUMES, PruneType.IMAGES)) {
                try {
                    prune.invoke(reaper, type, nothing);
                } catch (InvocationTargetException refused) {
                    // the engine's answer (Podman's API lacks some prunes): the code ran, and its classes are loaded
                }
            }
            // and what it does to each container it finds: none here carries that label, so remove a missing one
            try {
                DockerClientFactory.instance()
                        .client()
                        .removeContainerCmd("pgreset-nothing-" + UUID.randomUUID())
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec();
            } catch (NotFoundException expected) {
                // loaded all the same
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Testcontainers' clean-up without Ryuk changed (" + e + "): the invoker's container would outlive"
                            + " Maven. Update InvokerServer.loadWhatTestcontainersCleanupNeeds.",
                    e);
        }
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
