package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.Backoff;
import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The servers pgreset starts for builds on machines that have none: {@link #start} makes (once) and starts a server in
 * its folder, or finds it running; {@link #stop} stops it, and may delete it. Every step that changes a folder runs
 * under that folder's lock, so two builds at once get one server.
 */
public final class LocalServers {
    private static final Backoff RETRY_START = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    /** How often a stop looks whether the server is gone. */
    private static final Duration STOPPING = Duration.ofMillis(10);
    /** How long a start waits, once the server runs, for the first login it began meanwhile ({@link Databases}). */
    private static final Duration FIRST_LOGIN = Duration.ofSeconds(1);

    private final Path home;
    private final BinaryArtifacts artifacts;
    private final ProgressListener progress;
    private final Platform platform;
    private final String pathVariable;

    /**
     * @param home pgreset's own folder, for the binaries' cache ({@link #defaultHome})
     * @param artifacts where the binaries' jars come from
     * @param progress where each stage of a first start is said
     */
    public LocalServers(Path home, BinaryArtifacts artifacts, ProgressListener progress) {
        this(home, artifacts, progress, Platform.current(), System.getenv("PATH"));
    }

    LocalServers(
            Path home, BinaryArtifacts artifacts, ProgressListener progress, Platform platform, String pathVariable) {
        this.home = home;
        this.artifacts = artifacts;
        this.progress = progress;
        this.platform = platform;
        this.pathVariable = pathVariable;
    }

    /** pgreset's own folder, for the binaries' cache and the folders' locks. */
    Path home() {
        return home;
    }

    /**
     * pgreset's own folder: {@code ~/.pgreset} for a user; {@code /var/lib/pgreset} for root, where the account that
     * runs the server can reach it (root's home is closed to others).
     */
    public static Path defaultHome(Path userHome) {
        return OsAccount.root() ? Path.of("/var/lib/pgreset") : userHome.resolve(".pgreset");
    }

    /**
     * The server folder of a build under pgreset's: {@code servers/shop-1a2b3c4d}, the name of the build's root folder
     * (where Maven finds {@code .mvn}, the multi-module project directory) and a digest of its path. Every module of
     * the build reaches the same server, however the build is started ({@code -pl}, {@code -f module/pom.xml}), and
     * two clones of one project get two.
     */
    public static Path defaultDataDirectory(Path home, Path buildRoot) {
        Path root = buildRoot.toAbsolutePath().normalize();
        String name = root.getFileName() == null ? "root" : root.getFileName().toString();
        String safeName = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return home.resolve("servers").resolve(safeName + "-" + ServerDirectory.digest(root));
    }

    /**
     * The folders Maven may name as the multi-module project directory for a build that includes {@code
     * workingFolder}, nearest first: each folder at or above it that holds a {@code .mvn} folder (Maven started in
     * the module names the nearest, started at the top of a larger tree the outermost), else {@code workingFolder}
     * itself. For a JVM that Maven did not start (tests run from an IDE), so that it finds the build's server.
     */
    public static List<Path> buildRoots(Path workingFolder) {
        Path start = workingFolder.toAbsolutePath().normalize();
        List<Path> roots = new ArrayList<>();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve(".mvn"))) {
                roots.add(folder);
            }
        }
        return roots.isEmpty() ? List.of(start) : List.copyOf(roots);
    }

    /** The server pgreset started in this folder, when it is running; nothing is changed. */
    public static Optional<LocalServer> running(Path dataDirectory) {
        ServerDirectory folder = new ServerDirectory(dataDirectory);
        try {
            if (!Files.isRegularFile(folder.root().resolve(ServerRecord.FILE))) {
                return Optional.empty();
            }
            Optional<ServerRecord> record = ServerRecord.read(folder.root());
            Optional<PostmasterPid> pid = PostmasterPid.read(folder.data());
            if (record.isEmpty()
                    || !record.get().ready()
                    || pid.isEmpty()
                    || !pid.get().alive()) {
                return Optional.empty();
            }
            ServerRecord r = record.get();
            return Optional.of(
                    new LocalServer(folder.root(), r.release(), pid.get().port(), r.superuser(), r.password()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts the server in the request's folder, or finds it running. Started for a build, the result holds the build's
     * {@linkplain ServerUse use} of the server, taken under the folder's lock with the start, so that no other build's
     * end stops the server in between; started by hand, the server is kept running after every build.
     */
    public StartResult start(StartRequest request) {
        long began = System.nanoTime();
        Deadline deadline = Deadline.after(request.timeout());
        ServerDirectory folder = new ServerDirectory(request.dataDirectory());
        // as root, the account and the program that switches to it must exist before anything is touched
        OsAccount account = OsAccount.root()
                ? OsAccount.forRoot(request.account(), OsAccount.searchPath(pathVariable))
                : OsAccount.buildUser();
        // begun at once, so that its crypto is done by the time the server takes a login; stopped unless it starts
        Databases.WarmUp firstLogin = Databases.warmUp(deadline);
        try (FileLock lock = FileLock.take(folder.lock(home), "the server in " + folder.root(), deadline)) {
            ServerDirectory.Contents contents = folder.contents();
            Optional<ServerRecord> existing = contents instanceof ServerDirectory.Ours ours
                            && ours.record().ready()
                    ? Optional.of(ours.record())
                    : Optional.empty();
            if (existing.isPresent()) {
                checkMajor(folder, existing.get(), contents, request.version());
                Optional<LocalServer> running = running(folder.root());
                if (running.isPresent()) {
                    if (request.port() != 0 && request.port() != running.get().port()) {
                        progress.info("The server in " + folder.root() + " is running on port "
                                + running.get().port() + "; pgreset.port=" + request.port()
                                + " applies once it is stopped and started again.");
                    }
                    ServerRecord record = existing.get();
                    if (request.byHand() && !record.kept()) {
                        record = record.withKept(true);
                        record.write(folder.root());
                    }
                    // a database this server was asked for before is not looked up again: a cold JDBC login costs
                    // more than the rest of a reused start (one dropped by hand since is made at the next start)
                    boolean created = !record.databases().contains(request.database())
                            && ensureDatabase(folder, record, running.get(), request.database(), deadline);
                    return new StartResult(
                            running.get(),
                            request.database(),
                            true,
                            false,
                            created,
                            record.kept(),
                            use(folder, request),
                            millisSince(began));
                }
            }
            if (request.port() != 0 && !Ports.free(request.port())) {
                throw Ports.taken(folder, request.port()); // before anything is made
            }
            Release release = existing.map(ServerRecord::release)
                    .filter(r -> request.version().exact().isEmpty())
                    .orElseGet(() -> release(request.version()));
            Path binaries = binaries(release, deadline);
            PgPrograms programs = new PgPrograms(binaries, platform, account);
            ServerRecord record;
            boolean initialised = existing.isEmpty();
            if (initialised) {
                record = DataDirectoryInit.make(folder, release, programs, account, home, progress, deadline);
            } else {
                record = existing.get().release().equals(release)
                        ? existing.get()
                        : existing.get().withRelease(release);
            }
            // started now: kept running after the builds only when started by hand
            if (record.kept() != request.byHand()) {
                record = record.withKept(request.byHand());
                record.write(folder.root());
            }
            record = Ports.choose(folder, record, request.port());
            ServerUse use = use(folder, request);
            LocalServer server = startServer(folder, record, programs, request.settings(), firstLogin, deadline);
            // as on a running server: a database made before is not looked up (the goals after start find one that was
            // dropped by hand since: restore and recreate make it, the others say it is missing)
            boolean created = !record.databases().contains(request.database())
                    && ensureDatabase(folder, record, server, request.database(), deadline);
            return new StartResult(
                    server, request.database(), false, initialised, created, record.kept(), use, millisSince(began));
        } catch (IOException e) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER,
                    "Cannot set up the server in " + folder.root() + ": " + e.getMessage() + ". Check that the folder"
                            + " can be written, or set pgreset.dataDirectory to one that can.",
                    e);
        } finally {
            firstLogin.stop();
        }
    }

    /** A build's use of the server, taken under the folder's lock; none for a start by hand. */
    private ServerUse use(ServerDirectory folder, StartRequest request) throws IOException {
        return request.byHand() ? null : new ServerUse(this, folder, ServerUsers.hold(folder), progress);
    }

    /**
     * A build's use of the server in {@code dataDirectory} when pgreset made a server there (a {@code pgreset:stop}
     * bound in the build, which leaves the stop to the build's end), else empty.
     */
    public Optional<ServerUse> use(Path dataDirectory, Duration timeout) {
        ServerDirectory folder = new ServerDirectory(dataDirectory);
        if (!Files.exists(folder.root())) {
            return Optional.empty();
        }
        Deadline deadline = Deadline.after(timeout);
        try (FileLock lock = FileLock.take(folder.lock(home), "the server in " + folder.root(), deadline)) {
            if (!(folder.contents() instanceof ServerDirectory.Ours)) {
                return Optional.empty();
            }
            return Optional.of(new ServerUse(this, folder, ServerUsers.hold(folder), progress));
        } catch (IOException e) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER,
                    "Cannot note this build's use of " + folder.root() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Ends a build's use of the server: under the folder's lock, gives the use up and stops the server when no other
     * build uses it and it was not started by hand.
     */
    ServerUse.Ended endUse(ServerDirectory folder, ServerUsers.Hold hold, Duration timeout) {
        long began = System.nanoTime();
        Deadline deadline = Deadline.after(timeout);
        try (FileLock lock = FileLock.take(folder.lock(home), "the server in " + folder.root(), deadline)) {
            hold.release();
            int others = ServerUsers.others(folder, null);
            if (!(folder.contents() instanceof ServerDirectory.Ours ours)) {
                return new ServerUse.Ended(folder.root(), ServerUse.Outcome.NOT_RUNNING, others, 0);
            }
            Optional<PostmasterPid> pid = PostmasterPid.read(folder.data());
            ServerUse.Outcome outcome;
            if (pid.isEmpty() || !pid.get().alive()) {
                outcome = ServerUse.Outcome.NOT_RUNNING;
            } else if (others > 0) {
                outcome = ServerUse.Outcome.OTHERS_USE_IT;
            } else if (ours.record().kept()) {
                outcome = ServerUse.Outcome.KEPT;
            } else {
                stopServer(folder, ours.record(), deadline);
                outcome = ServerUse.Outcome.STOPPED;
            }
            return new ServerUse.Ended(folder.root(), outcome, others, millisSince(began));
        } catch (IOException e) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER,
                    "Cannot end this build's use of the server in " + folder.root() + ": " + e.getMessage(),
                    e);
        }
    }

    public StopResult stop(Path dataDirectory, boolean remove, Duration timeout) {
        long began = System.nanoTime();
        Deadline deadline = Deadline.after(timeout);
        ServerDirectory folder = new ServerDirectory(dataDirectory);
        if (!Files.exists(folder.root())) {
            return new StopResult(folder.root(), false, false, false, millisSince(began));
        }
        try (FileLock lock = FileLock.take(folder.lock(home), "the server in " + folder.root(), deadline)) {
            if (!(folder.contents() instanceof ServerDirectory.Ours ours)) {
                return new StopResult(folder.root(), false, false, false, millisSince(began));
            }
            boolean stopped = false;
            Optional<PostmasterPid> pid = PostmasterPid.read(folder.data());
            if (pid.isPresent() && pid.get().alive()) {
                stopServer(folder, ours.record(), deadline);
                stopped = true;
            }
            if (remove) {
                Folders.delete(folder.root());
            }
            return new StopResult(folder.root(), true, stopped, remove, millisSince(began));
        } catch (IOException e) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER, "Cannot remove " + folder.root() + ": " + e.getMessage() + ".", e);
        }
    }

    /** pg_ctl stop, fast: the sessions are ended, nothing is lost. */
    private void stopServer(ServerDirectory folder, ServerRecord record, Deadline deadline) throws IOException {
        OsAccount account = record.account().isEmpty()
                ? OsAccount.buildUser()
                : OsAccount.forRoot(record.account(), OsAccount.searchPath(pathVariable));
        Path binaries = binaries(record.release(), deadline);
        PgPrograms.Run run = new PgPrograms(binaries, platform, account).stop(folder.data(), deadline);
        if (!run.succeeded()) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER,
                    "pg_ctl could not stop the server in " + folder.data() + ": " + run.output() + ". Its log is "
                            + folder.log() + ".");
        }
        // gone when its postmaster.pid is, as pg_ctl -w waits for it
        while (Files.exists(folder.data().resolve(PostmasterPid.FILE))) {
            Optional<PostmasterPid> pid = PostmasterPid.read(folder.data());
            if (pid.isPresent() && !pid.get().alive()) {
                break; // ended without removing its file
            }
            if (!deadline.pause(STOPPING)) {
                throw new PgResetException(
                        Problem.TIMEOUT,
                        "The server in " + folder.data() + " did not stop within " + deadline.describe()
                                + " (a fast shutdown ends every session and writes a checkpoint). Its log is "
                                + folder.log() + "; raise pgreset.timeout, or run mvn pgreset:stop again.");
            }
        }
    }

    /** A data directory of another major version cannot be run by these binaries: refused, and left as it is. */
    private static void checkMajor(
            ServerDirectory folder, ServerRecord record, ServerDirectory.Contents contents, VersionRequest asked) {
        String major = ((ServerDirectory.Ours) contents)
                .major()
                .orElse(record.release().major());
        if (!asked.accepts(major)) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "The server in " + folder.root() + " holds a PostgreSQL " + major + " data directory, and"
                            + " pgreset.postgresVersion asks for " + asked.text() + ": PostgreSQL cannot run a data"
                            + " directory of another major version, and pgreset left it as it is. Set"
                            + " pgreset.postgresVersion=" + major + ", give another pgreset.dataDirectory, or delete"
                            + " this server with its databases: mvn pgreset:stop -Dpgreset.removeData=true.");
        }
    }

    private Release release(VersionRequest asked) {
        if (asked.exact().isPresent()) {
            return asked.exact().get();
        }
        progress.info("Looking up the newest PostgreSQL" + (asked.newest() ? "" : " " + asked.text()) + " in "
                + platform.artifactId() + "...");
        return asked.choose(artifacts.releases(platform.groupId(), platform.artifactId()), platform.artifactId());
    }

    private Path binaries(Release release, Deadline deadline) {
        BinaryCache cache = new BinaryCache(home.resolve("postgres"));
        if (cache.has(platform, release)) {
            return cache.folder(platform, release);
        }
        Path jar;
        try {
            jar = artifacts.jar(platform.groupId(), platform.artifactId(), release);
        } catch (PgResetException missing) {
            // a release that does not exist: name the ones that do, where the repositories list them
            List<Release> offered = artifacts.releases(platform.groupId(), platform.artifactId());
            if (!offered.isEmpty() && !offered.contains(release)) {
                throw new VersionRequest(release.text()).unknown(offered, platform.artifactId());
            }
            throw missing;
        }
        return cache.unpacked(platform, release, jar, deadline, progress);
    }

    /**
     * pg_ctl start, again while the server that was killed has left processes behind that still hold its shared
     * memory (they end within moments of noticing), then the pgpass file for psql.
     */
    private LocalServer startServer(
            ServerDirectory folder,
            ServerRecord record,
            PgPrograms programs,
            Map<String, String> settings,
            Databases.WarmUp firstLogin,
            Deadline deadline)
            throws IOException {
        long began = System.nanoTime();
        Optional<PostmasterPid> stale = PostmasterPid.read(folder.data());
        if (stale.isPresent() && !stale.get().alive()) {
            // the server was killed and its process id may be another program's by now: PostgreSQL would take that
            // program for a server still running and refuse to start
            Files.deleteIfExists(folder.data().resolve(PostmasterPid.FILE));
            progress.info("The server in " + folder.root() + " had been stopped without a shutdown (process "
                    + stale.get().pid() + " is gone); starting it again, PostgreSQL recovers its data.");
        }
        long logFrom = Files.exists(folder.log()) ? Files.size(folder.log()) : 0;
        LocalServer server =
                new LocalServer(folder.root(), record.release(), record.port(), record.superuser(), record.password());
        firstLogin.loginTo(server);
        boolean started = false;
        try {
            Duration pause = RETRY_START.first();
            while (true) {
                PgPrograms.Run run = programs.start(folder.data(), folder.log(), record.port(), settings, deadline);
                if (run.succeeded()) {
                    started = true;
                    break;
                }
                String log = ServerLog.since(folder.log(), logFrom);
                if (!ServerLog.leftoversOfAKilledServer(log) || !deadline.pause(pause)) {
                    throw new PgResetException(
                            Problem.LOCAL_SERVER,
                            "PostgreSQL did not start in " + folder.data() + " on " + LocalServer.HOST + ":"
                                    + record.port() + ". " + ServerLog.explain(log, run.output()) + " Its log is "
                                    + folder.log() + ".");
                }
                pause = RETRY_START.next(pause);
            }
        } finally {
            if (started) {
                firstLogin.finish(FIRST_LOGIN);
            }
        }
        Files.writeString(
                folder.passFile(),
                LocalServer.HOST + ":" + record.port() + ":*:" + record.superuser() + ":" + record.password() + "\n");
        OwnerOnly.restrict(folder.passFile());
        progress.debug("Started PostgreSQL " + record.release() + " on " + LocalServer.HOST + ":" + record.port()
                + " in " + millisSince(began) + " ms.");
        return server;
    }

    /** Makes the database when it is missing, and keeps its name in the record. */
    private static boolean ensureDatabase(
            ServerDirectory folder, ServerRecord record, LocalServer server, String database, Deadline deadline)
            throws IOException {
        boolean created = Databases.ensure(server, database, deadline);
        if (!record.databases().contains(database)) {
            record.withDatabase(database).write(folder.root());
        }
        return created;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
