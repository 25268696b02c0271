package io.github.pgreset.core;

import java.time.Duration;
import java.util.List;

/**
 * What snapshot did.
 *
 * @param terminated sessions on the database that were ended so that it could be copied
 * @param strategy how the copy was made (PostgreSQL 15+), {@code null} for the server's default
 * @param copy how long the copy itself took
 * @param elapsed the whole goal, the prepared copy excluded
 * @param statements the DDL sent
 */
public record SnapshotResult(
        SnapshotNames names,
        ServerVersion serverVersion,
        List<Session> terminated,
        Strategy strategy,
        Duration copy,
        Duration elapsed,
        List<String> statements) {
    public SnapshotResult {
        terminated = List.copyOf(terminated);
        statements = List.copyOf(statements);
    }
}
