package io.github.pgreset.maven.internal;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.server.ServerUse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;

/**
 * The servers this build uses, each held once however many modules start it, and ended when the build ends, before
 * Maven prints its result: stopped when no other build uses it and it was not started by hand, with one line that says
 * so. The build ends when it succeeds and when it fails; a build stopped with Ctrl-C ends its use in a shutdown hook
 * ({@link ServerUse}).
 */
public final class BuildServers {
    private BuildServers() {}

    /**
     * Holds {@code use} until the build ends; a use of a server this build holds already is given up at once. Without
     * a build (a test harness) the use is left to the JVM's end.
     */
    public static void hold(MavenSession session, ServerUse use, Log log, Duration timeout) {
        String key = key(use.dataDirectory());
        if (BeforeBuildResult.atEnd(session, key, () -> end(use, log, timeout))) {
            return;
        }
        if (BeforeBuildResult.endsWith(session, key)) {
            use.release(); // another module of this build holds the server already
        }
    }

    /** Whether this build holds the server in {@code dataDirectory}. */
    public static boolean holds(MavenSession session, Path dataDirectory) {
        return BeforeBuildResult.endsWith(session, key(dataDirectory));
    }

    private static String key(Path dataDirectory) {
        return "server " + dataDirectory.toAbsolutePath().normalize();
    }

    private static void end(ServerUse use, Log log, Duration timeout) {
        try {
            ServerUse.Ended ended = use.end(timeout);
            String server = "the PostgreSQL server in " + ended.dataDirectory();
            switch (ended.outcome()) {
                case STOPPED ->
                    log.info(
                            "pgreset: stopped " + server + " in " + ended.millis() + " ms, as no other build uses it.");
                case OTHERS_USE_IT ->
                    log.info("pgreset: " + server + " is left running for "
                            + (ended.otherUsers() == 1
                                    ? "another build that uses it"
                                    : ended.otherUsers() + " other builds that use it")
                            + "; the last of them stops it.");
                case KEPT ->
                    log.info("pgreset: " + server + " is left running, as it was started by hand (mvn"
                            + " pgreset:start); mvn pgreset:stop stops it.");
                default -> log.debug("pgreset: " + server + " was not running any more at the end of the build.");
            }
        } catch (PgResetException e) {
            log.warn("pgreset: could not stop the PostgreSQL server in " + use.dataDirectory() + " at the end of the"
                    + " build: " + e.getMessage() + " mvn pgreset:stop stops it.");
        }
    }
}
