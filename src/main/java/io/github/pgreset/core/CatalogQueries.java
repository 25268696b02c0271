package io.github.pgreset.core;

/** Catalog look-ups: the target's pg_database row and what keeps it from being dropped. */
final class CatalogQueries {
    private CatalogQueries() {}

    /** The target's row ({@code ?} = name); datconnlimit -2 marks a database left invalid by an interrupted DROP. */
    static final String DATABASE =
            "SELECT datallowconn, datconnlimit, datistemplate FROM pg_database WHERE datname = ?";

    /** Whether the plugin's own role may create databases. */
    static final String CAN_CREATE_DATABASES = "SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user";

    /**
     * What DROP DATABASE ... WITH (FORCE) cannot clear ({@code ?} three times = name): prepared transactions,
     * active logical replication slots and subscriptions (PostgreSQL 10+ for the last).
     */
    static String forceBlockers(ServerVersion version) {
        String sql = "SELECT 'prepared transaction' AS kind, gid AS name, owner::text AS detail"
                + " FROM pg_prepared_xacts WHERE database = ?\n"
                + "UNION ALL SELECT 'active replication slot', slot_name::text, plugin::text"
                + " FROM pg_replication_slots WHERE database = ? AND active";
        if (version.major() >= 10) {
            sql += "\nUNION ALL SELECT 'subscription', s.subname::text, NULL FROM pg_subscription s"
                    + " JOIN pg_database d ON d.oid = s.subdbid WHERE d.datname = ?";
        } else {
            sql += "\nUNION ALL SELECT NULL, NULL, NULL WHERE false AND ? IS NOT NULL";
        }
        return sql;
    }
}
