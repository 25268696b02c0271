package io.github.pgreset.core.catalog;

/**
 * What holds a database that terminating sessions cannot clear ({@link CatalogQueries#forceBlockers}).
 *
 * @param prepared whether it is a prepared transaction (which pgreset.rollbackPrepared rolls back)
 * @param description for an error message: {@code prepared transaction "tx1" (app)}
 */
public record Blocker(boolean prepared, String description) {}
