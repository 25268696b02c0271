package io.github.pgreset.core.session;

import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.ServerVersion.Feature;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * The SQL that lists and terminates the client sessions on one database. Every statement takes the database name
 * as its first parameter and never sees the plugin's own session.
 */
public final class SessionQueries {
    private SessionQueries() {}

    /**
     * Client sessions on the database ({@code ?}), without the plugin's own backend, autovacuum and other background
     * workers (which DROP DATABASE deals with itself) and parallel workers (which end with their leader). A row whose
     * backend_type is hidden (another role's session, no pg_read_all_stats) is kept. {@code can_terminate} applies the
     * rules of pg_terminate_backend: superusers end anything; others end non-superuser sessions of roles whose
     * privileges they have, or any of them as members of pg_signal_backend.
     *
     * <p>The statement reads pg_stat_get_activity() and the role catalog itself rather than the views
     * pg_stat_activity and pg_roles, which a fresh backend (every goal's) would first have to load and expand: about
     * 1 ms of each goal's first read. A superuser ({@code asSuperuser}, as the server reported at login) reads
     * pg_authid, which other roles may not; they read pg_roles.
     *
     * <p>The rows come in no order: {@link #inOrder} sorts them. A fresh backend would first look up the sort
     * operators of an ORDER BY (a quarter of a millisecond on PostgreSQL 18), for the few rows there are.
     */
    public static String list(ServerVersion version, boolean asSuperuser) {
        StringBuilder sql = new StringBuilder()
                .append("SELECT a.pid, r.rolname AS usename, a.application_name, host(a.client_addr) AS client_addr,\n")
                .append("       a.backend_start, a.state, a.state_change,\n")
                .append("       a.wait_event_type || ':' || a.wait_event AS wait_event, a.query,\n")
                .append("       coalesce(r.rolsuper, false) AS superuser,\n");
        if (asSuperuser) {
            sql.append("       true AS can_terminate\n")
                    .append("FROM pg_stat_get_activity(NULL) a\n")
                    .append("LEFT JOIN pg_authid r ON r.oid = a.usesysid\n");
        } else {
            // is_superuser: in case the server did not report it at login (a pooler that drops the parameter)
            sql.append("       CASE WHEN current_setting('is_superuser') = 'on' THEN true\n")
                    .append("            WHEN coalesce(r.rolsuper, false) THEN false\n")
                    .append("            ELSE (pg_has_role(a.usesysid, 'USAGE')\n")
                    .append("                 OR pg_has_role('pg_signal_backend', 'USAGE'))\n")
                    .append("       END AS can_terminate\n")
                    .append("FROM pg_stat_get_activity(NULL) a\n")
                    .append("LEFT JOIN pg_roles r ON r.oid = a.usesysid\n");
        }
        // a row without a role is an autovacuum or background worker, which DROP DATABASE ends itself; to a role
        // without pg_read_all_stats its backend_type looks as hidden as another role's session
        sql.append("WHERE a.datid = (SELECT oid FROM pg_database WHERE datname = ?) AND a.pid <> pg_backend_pid()")
                .append(" AND a.usesysid IS NOT NULL");
        if (version.supports(Feature.BACKEND_TYPE)) {
            sql.append("\n  AND (a.backend_type IS NULL OR a.backend_type = 'client backend')");
        }
        if (version.supports(Feature.LEADER_PID)) {
            sql.append("\n  AND (a.leader_pid IS NULL OR a.leader_pid = a.pid)");
        }
        return sql.toString();
    }

    /** The order sessions are shown and reported in: the oldest connection first. */
    private static final Comparator<Session> OLDEST_FIRST = Comparator.comparing(
                    Session::backendStart, Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder()))
            .thenComparingInt(Session::pid);

    /** The rows of {@link #list} or {@link #terminate}, the oldest connection first. */
    public static <T> List<T> inOrder(List<T> rows, java.util.function.Function<T, Session> session) {
        return rows.stream().sorted(Comparator.comparing(session, OLDEST_FIRST)).toList();
    }

    /**
     * Terminates every session {@link #list} returns that the role may terminate, in one round trip, and returns the
     * same rows with a {@code terminated} column, in no order ({@link #inOrder}). The aggregate signals every session
     * before the first row is returned. The statement does not wait for the backends to exit:
     * pg_terminate_backend(pid, timeout) (14+) waits for one pid after another and checks every 100 ms, far slower than
     * polling {@link #STILL_RUNNING} afterwards.
     */
    public static String terminate(ServerVersion version, boolean asSuperuser) {
        return "WITH victims AS (\n" + list(version, asSuperuser) + "\n),\n"
                + "signalled AS (\n"
                + "  SELECT array_agg(pid) FILTER (WHERE CASE WHEN can_terminate THEN pg_terminate_backend(pid)"
                + " ELSE false END) AS pids\n"
                + "  FROM victims\n"
                + ")\n"
                + "SELECT v.*, coalesce(v.pid = ANY (s.pids), false) AS terminated\n"
                + "FROM victims v CROSS JOIN signalled s";
    }

    /**
     * Fails with division_by_zero ({@link io.github.pgreset.core.connection.SqlState#DIVISION_BY_ZERO}) when any
     * backend is on the database ({@code %s}, a literal): a client, an autovacuum worker, a replication connection.
     * Without PL/pgSQL (a DO block would load it into a fresh backend) a statement can fail on a condition only so;
     * the divisor is counted at run time, so the planner cannot fold it. In a transaction that holds pg_database no
     * backend can start on it, so the rename that follows finds nobody either.
     */
    public static final String NOBODY_ON = "SELECT 1 / (count(*) = 0)::int FROM pg_stat_get_activity(NULL)"
            + " WHERE datid = (SELECT oid FROM pg_database WHERE datname = %s)";

    /** Which of the given pids ({@code ?}, int[]) still have a backend. */
    static final String STILL_RUNNING = "SELECT pid FROM pg_stat_get_activity(NULL) WHERE pid = ANY (?)";

    /** A row of {@link #list} or {@link #terminate}. */
    public static Session session(ResultSet rs) throws SQLException {
        return new Session(
                rs.getInt("pid"),
                rs.getString("usename"),
                rs.getString("application_name"),
                rs.getString("client_addr"),
                rs.getString("state"),
                rs.getObject("backend_start", OffsetDateTime.class),
                rs.getObject("state_change", OffsetDateTime.class),
                rs.getString("wait_event"),
                rs.getString("query"),
                rs.getBoolean("superuser"),
                rs.getBoolean("can_terminate"));
    }
}
