package io.github.pgreset.core.server;

/**
 * What {@code pgreset:start} did.
 *
 * @param server the running server
 * @param database the database the build works on
 * @param reused the server was running already (started by an earlier build or by hand)
 * @param initialised the data directory was made by this start (initdb)
 * @param databaseCreated the database was missing and was made
 * @param kept the server stays running after the builds (started by hand); otherwise the last build's end stops it
 * @param use the build's use of the server, which the caller ends when the build ends; {@code null} for a start by
 *     hand
 * @param millis the time the start took, resolving and unpacking the binaries included
 */
public record StartResult(
        LocalServer server,
        String database,
        boolean reused,
        boolean initialised,
        boolean databaseCreated,
        boolean kept,
        ServerUse use,
        long millis) {}
