package io.github.pgreset.core.catalog;

/**
 * A transaction prepared for two-phase commit ({@code PREPARE TRANSACTION}) in a database.
 *
 * @param gid its global identifier, what ROLLBACK PREPARED names
 * @param owner the role that prepared it
 */
public record PreparedTransaction(String gid, String owner) {}
