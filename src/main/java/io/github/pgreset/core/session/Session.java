package io.github.pgreset.core.session;

import io.github.pgreset.core.connection.SqlText;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One client session on a database, as pg_stat_activity shows it to the plugin's role. Without the privileges of
 * pg_read_all_stats, columns of other roles' sessions are {@code null}.
 *
 * @param pid the backend's process id
 * @param user the session's role
 * @param applicationName what the client set as application_name (psql, an IDE, HikariPool-1 ...)
 * @param clientAddress the client's IP address, {@code null} for Unix sockets or when not visible
 * @param state active, idle, idle in transaction ...
 * @param backendStart when the session connected
 * @param stateChange when the session entered its state
 * @param waitEvent {@code type:event} the session waits on, or {@code null}
 * @param query the session's current or last statement
 * @param superuser whether the session's role is a superuser
 * @param canTerminate whether the plugin's role may terminate the session
 */
public record Session(
        int pid,
        String user,
        String applicationName,
        String clientAddress,
        String state,
        OffsetDateTime backendStart,
        OffsetDateTime stateChange,
        String waitEvent,
        String query,
        boolean superuser,
        boolean canTerminate) {

    /** {@code pid 4711 (user alice, application "psql", from 127.0.0.1)}. */
    public String describe() {
        return "pid " + pid + " (" + who() + ")";
    }

    /** {@code user alice, application "psql", from 127.0.0.1}: what stays the same when a client reconnects. */
    public String who() {
        return "user " + user + ", application \"" + (applicationName == null ? "" : applicationName) + "\", from "
                + (clientAddress == null ? "local socket" : clientAddress);
    }

    /** One line per session, {@code "  - "} first: why the role may not terminate it and what would allow it. */
    public static String whyNotTerminable(List<Session> sessions, String ownRole) {
        return sessions.stream().map(s -> "  - " + s.whyNotTerminable(ownRole)).collect(Collectors.joining("\n"));
    }

    /** Why the plugin's role may not terminate this session, and what would allow it. */
    public String whyNotTerminable(String ownRole) {
        if (superuser) {
            return describe() + " belongs to superuser " + user + ": only a superuser may terminate it. Connect as a "
                    + "superuser (pgreset.username) or end that session yourself.";
        }
        return describe() + " belongs to role " + user + ": terminating it needs superuser, membership in "
                + "pg_signal_backend (GRANT pg_signal_backend TO " + SqlText.identifier(ownRole) + ") or in role "
                + user + ".";
    }
}
