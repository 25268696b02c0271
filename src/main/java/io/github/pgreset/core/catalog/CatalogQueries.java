package io.github.pgreset.core.catalog;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.session.Session;
import io.github.pgreset.core.session.SessionQueries;
import io.github.pgreset.core.session.SessionTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalog look-ups, each query with its row mapping: the target's pg_database row, its sessions and prepared
 * transactions (what a goal plans from, in one round trip), and what keeps a database from being dropped.
 */
public final class CatalogQueries {
    private CatalogQueries() {}

    /**
     * The target's catalog row, its sessions and prepared transactions, with the rows of {@code related} databases
     * (a snapshot, its prepared copy and working names), in one round trip (four statements, four results).
     *
     * <p>This is every goal's first read on a fresh backend, so it reads catalogs and the functions behind the system
     * views rather than the views (pg_stat_activity, pg_roles, pg_prepared_xacts, pg_replication_slots, and
     * shobj_description), which the backend would first load and expand: 5.5 ms became 3 ms on PostgreSQL 18.
     */
    public static TargetState targetState(
            MaintenanceConnection connection, DatabaseName name, List<DatabaseName> related) {
        return connection.queryResults(
                targetStateSql(connection), targetStateParameters(name, related), CatalogQueries::targetState);
    }

    /**
     * What {@code first} returned (one statement, one text parameter, one boolean) and then the target state, in the
     * same round trip: a goal takes its lock and reads what it plans from at once.
     */
    public record AfterFirst(boolean first, TargetState state) {}

    /** {@link #targetState}, after {@code first} with {@code parameter}, in the same round trip. */
    public static AfterFirst targetStateAfter(
            MaintenanceConnection connection,
            String first,
            String parameter,
            DatabaseName name,
            List<DatabaseName> related) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(parameter);
        parameters.addAll(targetStateParameters(name, related));
        return connection.queryResults(first + ";\n" + targetStateSql(connection), parameters, executed -> {
            boolean answer = only(executed, rs -> rs.getBoolean(1)).get(0);
            executed.getMoreResults();
            return new AfterFirst(answer, targetState(executed));
        });
    }

    private static String targetStateSql(MaintenanceConnection connection) {
        return database(connection.superuser()) + ";\n"
                + SessionQueries.list(connection.version(), connection.superuser()) + ";\n"
                + forceBlockers(connection.version()) + ";\n" + DATABASES;
    }

    private static List<Object> targetStateParameters(DatabaseName name, List<DatabaseName> related) {
        List<String> names = new ArrayList<>();
        names.add(name.value());
        related.forEach(r -> names.add(r.value()));
        String n = name.value();
        return List.of(n, n, n, n, n, names.toArray(String[]::new));
    }

    private static TargetState targetState(Statement executed) throws SQLException {
        CatalogRow catalog = only(executed, CatalogQueries::catalogRow).get(0);
        executed.getMoreResults();
        List<Session> sessions = only(executed, SessionQueries::session);
        executed.getMoreResults();
        List<PreparedTransaction> prepared = new ArrayList<>();
        List<Blocker> blockers = only(executed, rs -> {
            Blocker blocker = blocker(rs);
            if (blocker.prepared()) {
                prepared.add(new PreparedTransaction(rs.getString("name"), rs.getString("detail")));
            }
            return blocker;
        });
        executed.getMoreResults();
        Map<DatabaseName, DatabaseRow> rows = new LinkedHashMap<>();
        for (Map.Entry<DatabaseName, DatabaseRow> row :
                only(executed, rs -> Map.entry(new DatabaseName(rs.getString("datname")), databaseRow(rs)))) {
            rows.put(row.getKey(), row.getValue());
        }
        return new TargetState(catalog, sessions, prepared, blockers, rows);
    }

    private static <T> List<T> only(Statement executed, MaintenanceConnection.RowMapper<T> mapper) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (ResultSet rs = executed.getResultSet()) {
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
        }
        return rows;
    }

    /** The clients on the database now (a read a step makes again, e.g. after a failed drop). */
    public static List<Session> sessions(MaintenanceConnection connection, DatabaseName name) {
        return connection.query(
                SessionQueries.list(connection.version(), connection.superuser()),
                List.of(name.value()),
                SessionQueries::session);
    }

    /** The sessions (and prepared transactions) holding a lock on the database object, described. */
    public static List<String> lockHolders(MaintenanceConnection connection, DatabaseName name) {
        return connection.query(LOCK_HOLDERS, List.of(name.value()), CatalogQueries::lockHolder);
    }

    /** Names what DROP ... WITH (FORCE) cannot clear: prepared transactions, active slots, subscriptions. */
    public static List<String> forceBlockers(MaintenanceConnection connection, DatabaseName name) {
        String db = name.value();
        return connection.query(forceBlockers(connection.version()), List.of(db, db, db), CatalogQueries::forceBlocker);
    }

    /** The database's comment, as shobj_description gives it, read from the catalog ({@code d} is pg_database). */
    private static final String COMMENT = "(SELECT s.description FROM pg_shdescription s WHERE s.objoid = d.oid"
            + " AND s.classoid = 'pg_catalog.pg_database'::regclass) AS comment";

    /** The columns of a row of pg_database that {@link #databaseRow} maps ({@code d} is pg_database). */
    private static final String ROW = "d.datname, d.oid, d.datallowconn, d.datconnlimit, d.datistemplate, " + COMMENT
            + ", pg_get_userbyid(d.datdba) AS owner, pg_has_role(d.datdba, 'USAGE') AS may_drop";

    /**
     * The target's row ({@code ?} = name) and what the server allows: one row always, with {@code datname} null when
     * there is no such database. datconnlimit -2 marks a database left invalid by an interrupted DROP; {@code
     * may_drop} is ownership (or membership in the owning role), which DROP DATABASE needs. A superuser ({@code
     * asSuperuser}) may create databases without a look at pg_roles.
     */
    static String database(boolean asSuperuser) {
        return "SELECT " + ROW + ", pg_is_in_recovery() AS in_recovery,"
                + " current_setting('transaction_read_only') = 'on' AS read_only, "
                + (asSuperuser ? "true" : "(SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user)")
                + " AS may_create FROM (SELECT 1) AS one LEFT JOIN pg_database d ON d.datname = ?";
    }

    /** The rows of several databases ({@code ?} = their names, an array), with the columns of {@link #database}. */
    static final String DATABASES = "SELECT " + ROW + " FROM pg_database d WHERE d.datname = ANY (?)";

    /**
     * Who holds a lock on the target database object itself ({@code ?} = name), which DROP DATABASE must wait for: a
     * transaction that commented on or altered it, or a prepared transaction (pid null).
     */
    static final String LOCK_HOLDERS = "SELECT l.pid, l.mode, a.usename, a.application_name, a.state, a.query"
            + " FROM pg_locks l JOIN pg_database d ON l.locktype = 'object' AND l.database = 0"
            + " AND l.classid = 'pg_database'::regclass AND l.objid = d.oid"
            + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE d.datname = ? AND l.granted AND l.pid IS DISTINCT FROM pg_backend_pid() ORDER BY l.pid";

    /**
     * What DROP DATABASE ... WITH (FORCE) cannot clear ({@code ?} three times = name): prepared transactions,
     * active logical replication slots and subscriptions (PostgreSQL 10+ for the last).
     */
    public static String forceBlockers(ServerVersion version) {
        String sql = "(SELECT 'prepared transaction' AS kind, gid AS name, pg_get_userbyid(ownerid)::text AS detail"
                + " FROM pg_prepared_xact() WHERE dbid = (SELECT oid FROM pg_database WHERE datname = ?)"
                + " ORDER BY prepared)\n"
                + "UNION ALL SELECT 'active replication slot', slot_name::text, plugin::text"
                + " FROM pg_get_replication_slots()"
                + " WHERE datoid = (SELECT oid FROM pg_database WHERE datname = ?) AND active";
        if (version.major() >= 10) {
            sql += "\nUNION ALL SELECT 'subscription', s.subname::text, NULL FROM pg_subscription s"
                    + " JOIN pg_database d ON d.oid = s.subdbid WHERE d.datname = ?";
        } else {
            sql += "\nUNION ALL SELECT NULL, NULL, NULL WHERE false AND ? IS NOT NULL";
        }
        return sql;
    }

    /** A row of {@link #database} (when the database exists) or of {@link #DATABASES}. */
    static DatabaseRow databaseRow(ResultSet rs) throws SQLException {
        return new DatabaseRow(
                rs.getLong("oid"),
                rs.getString("comment"),
                rs.getBoolean("datallowconn"),
                rs.getInt("datconnlimit"),
                rs.getBoolean("datistemplate"),
                rs.getString("owner"),
                rs.getBoolean("may_drop"));
    }

    /** A row of {@link #database}. */
    static CatalogRow catalogRow(ResultSet rs) throws SQLException {
        return new CatalogRow(
                rs.getString("datname") == null ? null : databaseRow(rs),
                rs.getBoolean("in_recovery"),
                rs.getBoolean("read_only"),
                rs.getBoolean("may_create"));
    }

    /** A row of {@link #LOCK_HOLDERS}, described for an error message. */
    static String lockHolder(ResultSet rs) throws SQLException {
        return rs.getObject("pid") == null
                ? "a prepared transaction (" + rs.getString("mode") + ")"
                : "pid " + rs.getInt("pid") + " (user " + rs.getString("usename") + ", application \""
                        + rs.getString("application_name") + "\", " + rs.getString("state") + ", "
                        + rs.getString("mode") + "): " + SessionTable.oneLine(rs.getString("query"), 80);
    }

    /** A row of {@link #forceBlockers}, described for an error message: {@code prepared transaction "tx1" (app)}. */
    static String forceBlocker(ResultSet rs) throws SQLException {
        return blocker(rs).description();
    }

    /** A row of {@link #forceBlockers}. */
    static Blocker blocker(ResultSet rs) throws SQLException {
        return new Blocker(
                "prepared transaction".equals(rs.getString("kind")),
                rs.getString("kind") + " \"" + rs.getString("name") + "\""
                        + (rs.getString("detail") == null ? "" : " (" + rs.getString("detail") + ")"));
    }
}
