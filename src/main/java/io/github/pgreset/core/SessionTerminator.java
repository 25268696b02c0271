package io.github.pgreset.core;

import io.github.pgreset.core.ServerVersion.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends every client session on a database except the plugin's own, in one round trip, then waits until their
 * backends have really exited: PostgreSQL 14+ waits inside that statement (pg_terminate_backend with a timeout),
 * older servers are polled until the deadline.
 */
final class SessionTerminator {
    private static final Duration FIRST_POLL = Duration.ofMillis(2);
    private static final Duration LONGEST_POLL = Duration.ofMillis(100);
    /** How long PostgreSQL 14+ waits for each signalled backend inside the terminate statement. */
    private static final long SERVER_WAIT_MILLIS = 5_000;

    /**
     * @param terminated the sessions that were signalled
     * @param refused the sessions the role may not terminate (left alone)
     * @param stillRunning pids that had not exited when the deadline passed
     */
    record Termination(List<Session> terminated, List<Session> refused, List<Integer> stillRunning) {}

    private final MaintenanceConnection connection;

    SessionTerminator(MaintenanceConnection connection) {
        this.connection = connection;
    }

    Termination terminate(DatabaseName database) {
        ServerVersion version = connection.version();
        List<Object> parameters = new ArrayList<>(List.of(database.value()));
        if (version.supports(Feature.TERMINATE_WITH_TIMEOUT)) {
            long wait = Math.min(SERVER_WAIT_MILLIS, Math.max(1, connection.deadline().remaining().toMillis() / 2));
            parameters.add(wait);
        }
        List<Session> terminated = new ArrayList<>();
        List<Session> refused = new ArrayList<>();
        connection.query(SessionQueries.terminate(version), parameters, rs -> {
            Session session = MaintenanceConnection.session(rs);
            if (rs.getBoolean("terminated")) {
                terminated.add(session);
            } else if (!session.canTerminate()) {
                refused.add(session);
            }
            return session;
        });
        return new Termination(terminated, refused, waitUntilGone(terminated));
    }

    /** Polls pg_stat_activity, with growing pauses, until every pid has gone or the deadline passes. */
    private List<Integer> waitUntilGone(List<Session> sessions) {
        int[] pids = sessions.stream().mapToInt(Session::pid).toArray();
        Duration pause = FIRST_POLL;
        while (pids.length > 0) {
            List<Integer> running = connection.query(SessionQueries.STILL_RUNNING, List.of(pids), rs -> rs.getInt(1));
            if (running.isEmpty()) {
                return List.of();
            }
            if (!connection.deadline().pause(pause)) {
                return running;
            }
            pids = running.stream().mapToInt(Integer::intValue).toArray();
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
        }
        return List.of();
    }
}
