package io.github.pgreset.core.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What {@code pgreset:start} was asked for.
 *
 * @param dataDirectory the folder of the server (see {@link ServerDirectory})
 * @param version the PostgreSQL release or major version; the newest when none is given
 * @param port the TCP port on 127.0.0.1; 0 to choose a free one on the first start and keep it
 * @param database the database the build works on, made when it is missing
 * @param account the account to run the server as when the build runs as root; {@code null} to choose one
 * @param timeout how long initdb, the start and the wait for another build may take in all
 * @param byHand started by hand ({@code mvn pgreset:start}): kept running after the builds; otherwise for a build,
 *     whose end stops it unless another build uses it
 * @param settings server settings given at each start ({@code -c name=value}), e.g. {@code max_connections=300}
 */
public record StartRequest(
        Path dataDirectory,
        VersionRequest version,
        int port,
        String database,
        String account,
        Duration timeout,
        boolean byHand,
        Map<String, String> settings) {
    public StartRequest {
        settings = Map.copyOf(settings);
    }

    /** A request with the server's own settings. */
    public StartRequest(
            Path dataDirectory,
            VersionRequest version,
            int port,
            String database,
            String account,
            Duration timeout,
            boolean byHand) {
        this(dataDirectory, version, port, database, account, timeout, byHand, Map.of());
    }
}
