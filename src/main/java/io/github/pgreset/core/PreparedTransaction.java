package io.github.pgreset.core;

/**
 * A transaction prepared for two-phase commit ({@code PREPARE TRANSACTION}) in a database.
 *
 * @param gid its global identifier, what ROLLBACK PREPARED names
 * @param owner the role that prepared it
 */
record PreparedTransaction(String gid, String owner) {}
