package io.github.pgreset.junit;

import io.github.pgreset.core.ServerProperties;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.server.LocalServer;
import io.github.pgreset.core.server.LocalServers;
import io.github.pgreset.core.server.RepositoryBinaries;
import io.github.pgreset.core.server.StartRequest;
import io.github.pgreset.core.server.StartResult;
import io.github.pgreset.core.server.VersionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The build's server as the tests of one JVM use it: the one {@code pgreset:start} runs for the build's root, started
 * the same way when it is not running, with the databases this JVM claimed. It is held until the JVM ends: JUnit may
 * run a JVM's classes in several runs of its own (Surefire with {@code forkCount} above 1 hands them out one by one),
 * and the server, the databases and the test contexts on them outlive each. At the JVM's end the use is given up: the
 * server stops when nothing else uses it and it was not started by hand.
 */
final class TestServer {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** The servers of this JVM's tests, by folder: the JVM's, as its test contexts are, held until it ends. */
    private static final ConcurrentMap<Path, TestServer> HELD = new ConcurrentHashMap<>();

    private final LocalServer server;
    private final Path module;
    private final Path buildRoot;
    private final ProgressListener progress;
    private final Map<String, Claimed> databases = new LinkedHashMap<>();

    /** A database claimed for this JVM, and the migrations it was claimed with. */
    private record Claimed(FreshDatabase database, List<Path> migrations) {}

    private TestServer(LocalServer server, Path module, Path buildRoot, ProgressListener progress) {
        this.server = server;
        this.module = module;
        this.buildRoot = buildRoot;
        this.progress = progress;
    }

    /**
     * The build's server for this JVM's tests, found or started at the first use; the module is the working folder
     * (Surefire's and the IDE's), the server's folder {@code pgreset.dataDirectory} or the build's default.
     */
    static TestServer forThisJvm() {
        Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path home = LocalServers.defaultHome(Path.of(System.getProperty("user.home")));
        Path buildRoot = buildRoot(home, module);
        String dataDirectory = System.getProperty(ServerProperties.DATA_DIRECTORY);
        Path folder = dataDirectory != null && !dataDirectory.isBlank()
                ? Path.of(dataDirectory).toAbsolutePath().normalize()
                : LocalServers.defaultDataDirectory(home, buildRoot);
        return HELD.computeIfAbsent(folder, f -> start(home, f, module, buildRoot));
    }

    /**
     * The build's root for a module: where a module with a {@code .mvn} folder of its own sits in a larger build, the
     * one whose server is running (a build or {@code pgreset:start} from there), nearest first; else the outermost,
     * where the whole build's modules meet.
     */
    private static Path buildRoot(Path home, Path module) {
        List<Path> roots = LocalServers.buildRoots(module);
        for (Path root : roots) {
            if (roots.size() == 1
                    || LocalServers.running(LocalServers.defaultDataDirectory(home, root))
                            .isPresent()) {
                return root;
            }
        }
        return roots.get(roots.size() - 1);
    }

    private static TestServer start(Path home, Path folder, Path module, Path buildRoot) {
        ProgressListener progress = new TestLog();
        StartResult started = new LocalServers(home, RepositoryBinaries.ofThisUser(), progress)
                .start(new StartRequest(
                        folder,
                        VersionRequest.parse(System.getProperty("pgreset.postgresVersion")),
                        0,
                        "postgres",
                        System.getProperty("pgreset.serverAccount"),
                        TIMEOUT,
                        false));
        progress.info("pgreset: PostgreSQL " + started.server().release()
                + (started.reused() ? " is running" : " started for the tests") + " in " + folder + " ("
                + LocalServer.HOST + ":" + started.server().port() + ", " + started.millis() + " ms).");
        TestServer server = new TestServer(started.server(), module, buildRoot, progress);
        started.use().endsWithTheJvm(server::putBack);
        return server;
    }

    /**
     * The database of {@code annotation} for this JVM, claimed at its first use; its migrations must be the same
     * wherever the annotation names it.
     */
    synchronized FreshDatabase database(PgReset annotation) {
        String base = annotation.database().isBlank()
                ? module.getFileName() + "_test"
                : annotation.database().strip();
        List<Path> migrations = new ArrayList<>();
        for (String folder : annotation.migrations()) {
            Path path = module.resolve(folder).normalize();
            if (Files.isDirectory(path)) {
                migrations.add(path);
            }
        }
        Claimed claimed = databases.get(base);
        if (claimed == null) {
            claimed = new Claimed(FreshDatabase.claim(server, base, migrations, buildRoot, progress), migrations);
            databases.put(base, claimed);
        } else if (!claimed.migrations().equals(migrations)) {
            throw new IllegalStateException("@PgReset names the database " + base + " with the migrations "
                    + Arrays.toString(annotation.migrations()) + " here and with " + claimed.migrations()
                    + " elsewhere: give the two a database each, or the same migrations.");
        }
        return claimed.database();
    }

    LocalServer server() {
        return server;
    }

    /** Says {@code line} at debug level, as the tests' log says what pgreset does. */
    void debug(String line) {
        progress.debug(line);
    }

    /** At the JVM's end, before the use ends: the copies being prepared finished, the databases' claims given up. */
    private synchronized void putBack() {
        for (Claimed claimed : databases.values()) {
            claimed.database().close();
        }
    }

    /** What pgreset says during the tests: the server once, each reset at debug level. */
    private static final class TestLog implements ProgressListener {
        private final System.Logger logger = System.getLogger("io.github.pgreset");

        @Override
        public void info(String message) {
            logger.log(System.Logger.Level.INFO, message);
        }

        @Override
        public void debug(String message) {
            logger.log(System.Logger.Level.DEBUG, message);
        }
    }
}
