package io.github.pgreset.testing;

import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.server.LocalServers;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The servers that the invoker builds start with pgreset:start in their build's default folder, for their setup and
 * verify scripts: how many run, and their removal (stopped by pg_ctl, the folder deleted) so that no build leaves one.
 * Each build that starts a server has a {@code .mvn} folder, which makes its folder the build's root.
 */
public final class EmbeddedServers {
    private EmbeddedServers() {}

    /** The folder pgreset:start uses for the build whose root is {@code root}. */
    public static Path folder(File root) {
        return LocalServers.defaultDataDirectory(home(), root.toPath());
    }

    /** 1 when the build's server runs, else 0. */
    public static int running(File root) {
        return LocalServers.running(folder(root)).isPresent() ? 1 : 0;
    }

    /** Stops the build's server and deletes its folder, as {@code mvn pgreset:stop -Dpgreset.removeData} does. */
    public static void remove(File root) {
        new LocalServers(home(), null, ProgressListener.silent()).stop(folder(root), true, Duration.ofSeconds(60));
    }

    private static Path home() {
        return LocalServers.defaultHome(Path.of(System.getProperty("user.home")));
    }
}
