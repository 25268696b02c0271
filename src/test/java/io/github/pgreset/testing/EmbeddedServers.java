package io.github.pgreset.testing;

import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.server.LocalServers;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The servers that the invoker builds start with pgreset:start in their project's default folder, for their setup and
 * verify scripts: how many run, and their removal (stopped by pg_ctl, the folder deleted) so that no build leaves one.
 */
public final class EmbeddedServers {
    private EmbeddedServers() {}

    /** The folder pgreset:start uses for the project in {@code basedir} with this artifactId. */
    public static Path folder(File basedir, String artifactId) {
        return LocalServers.defaultDataDirectory(home(), artifactId, basedir.toPath());
    }

    /** 1 when the project's server runs, else 0. */
    public static int running(File basedir, String artifactId) {
        return LocalServers.running(folder(basedir, artifactId)).isPresent() ? 1 : 0;
    }

    /** Stops the project's server and deletes its folder, as {@code mvn pgreset:stop -Dpgreset.removeData} does. */
    public static void remove(File basedir, String artifactId) {
        new LocalServers(home(), null, ProgressListener.silent())
                .stop(folder(basedir, artifactId), true, Duration.ofSeconds(60));
    }

    private static Path home() {
        return LocalServers.defaultHome(Path.of(System.getProperty("user.home")));
    }
}
