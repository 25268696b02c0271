package io.github.pgreset.core.catalog;

/**
 * The target's row and what the server allows the plugin's session, as {@link CatalogQueries#targetState} reads them.
 *
 * @param database the target's row, null when it does not exist
 * @param inRecovery whether the server is a standby
 * @param readOnly whether this session is read-only (default_transaction_read_only for the role, the database or the
 *     server)
 * @param mayCreateDatabases whether the plugin's role is a superuser or has CREATEDB
 */
public record CatalogRow(DatabaseRow database, boolean inRecovery, boolean readOnly, boolean mayCreateDatabases) {}
