package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.ProgressListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A build in a JVM of its own, for {@link ServerLifetimeIT}: starts the server in a folder for a build (holding the
 * build's use of it), prints {@code started} and waits to be stopped. Arguments: pgreset's home, the server's folder,
 * the release.
 */
public final class ServerUseProcess {
    private ServerUseProcess() {}

    public static void main(String[] args) throws InterruptedException {
        LocalServers servers = new LocalServers(Path.of(args[0]), LocalBinaries.ofTheBuild(), new ProgressListener() {
            @Override
            public void info(String message) {
                System.out.println(message);
            }

            @Override
            public void debug(String message) {}
        });
        servers.start(new StartRequest(
                Path.of(args[1]), VersionRequest.parse(args[2]), 0, "chat", null, Duration.ofSeconds(60), false));
        System.out.println("started");
        System.out.flush();
        new CountDownLatch(1).await(); // until the JVM is stopped
    }
}
