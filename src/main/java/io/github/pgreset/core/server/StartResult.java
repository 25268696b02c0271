package io.github.pgreset.core.server;

/**
 * What {@code pgreset:start} did.
 *
 * @param server the running server
 * @param database the database the build works on
 * @param reused the server was running already (started by an earlier build or by hand)
 * @param initialised the data directory was made by this start (initdb)
 * @param databaseCreated the database was missing and was made
 * @param millis the time the start took, resolving and unpacking the binaries included
 */
public record StartResult(
        LocalServer server,
        String database,
        boolean reused,
        boolean initialised,
        boolean databaseCreated,
        long millis) {}
