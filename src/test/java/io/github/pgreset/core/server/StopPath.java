package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * For a JVM whose class loader is closed before its shutdown hooks run ({@code exec:java}, where the invoker builds'
 * server is started): the classes that end a build's use of a server, and stop it, loaded now by running that very
 * path as far as it goes without stopping anything.
 */
public final class StopPath {
    private StopPath() {}

    /** Loads what ending {@code use} of the server in {@code folder} needs; the server keeps running. */
    public static void load(LocalServers servers, Path folder, Release release) {
        ServerDirectory directory = new ServerDirectory(folder);
        try {
            // a second use, ended at once: it finds the first one held and stops nothing
            ServerUse.Ended ended = servers.endUse(directory, ServerUsers.hold(directory), Duration.ofSeconds(30));
            ServerUse.Outcome.values();
            if (ended.outcome() != ServerUse.Outcome.OTHERS_USE_IT) {
                throw new IllegalStateException("the server in " + folder + " was not held: " + ended);
            }
            // the stop itself: the account, the binaries, a program run, a pause
            OsAccount account = OsAccount.root()
                    ? OsAccount.forRoot(null, OsAccount.searchPath(System.getenv("PATH")))
                    : OsAccount.buildUser();
            Platform platform = Platform.current();
            Path binaries = new BinaryCache(servers.home().resolve("postgres")).folder(platform, release);
            new PgPrograms(binaries, platform, account).version(Deadline.after(Duration.ofSeconds(30)));
            Deadline.after(Duration.ofMillis(1)).pause(Duration.ofMillis(1));
            PostmasterPid.read(directory.data()).ifPresent(PostmasterPid::alive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
