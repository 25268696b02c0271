package io.github.pgreset.core.drop;

import java.time.Duration;

/**
 * What recreate did: the drop, then CREATE DATABASE.
 *
 * @param createStatement the CREATE DATABASE sent (in a dry run: that would be sent)
 * @param dryRun whether nothing was changed
 * @param elapsed the whole goal, drop and create
 */
public record RecreateResult(DropResult drop, String createStatement, boolean dryRun, Duration elapsed) {}
