package io.github.pgreset.core.catalog;

/**
 * A pg_database row, as {@link CatalogQueries} reads it; datconnlimit -2 marks an invalid database (an interrupted
 * DROP).
 *
 * @param comment the database's comment (COMMENT ON DATABASE), or {@code null}
 * @param owner the owning role
 * @param mayDrop whether the plugin's role owns it, is a member of its owner or is a superuser
 */
public record DatabaseRow(
        long oid,
        String comment,
        boolean allowConnections,
        int connectionLimit,
        boolean template,
        String owner,
        boolean mayDrop) {
    public boolean invalid() {
        return connectionLimit == -2;
    }

    /** The row as it is once a database pgreset closed is reopened with its own comment back ({@link Marks}). */
    public DatabaseRow reopened() {
        return new DatabaseRow(oid, Marks.before(comment), true, connectionLimit, template, owner, mayDrop);
    }
}
