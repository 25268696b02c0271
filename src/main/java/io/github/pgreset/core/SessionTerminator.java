package io.github.pgreset.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends every client session on a database except the plugin's own, in one round trip, then polls until their
 * backends have really exited or the deadline passes.
 */
final class SessionTerminator {
    private static final Duration FIRST_POLL = Duration.ofMillis(2);
    private static final Duration LONGEST_POLL = Duration.ofMillis(100);

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
        List<Session> terminated = new ArrayList<>();
        List<Session> refused = new ArrayList<>();
        connection.query(SessionQueries.terminate(connection.version()), List.of(database.value()), rs -> {
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
