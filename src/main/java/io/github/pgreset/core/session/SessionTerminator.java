package io.github.pgreset.core.session;

import io.github.pgreset.core.connection.Backoff;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ends every client session on a database except the plugin's own, in one round trip, then polls until their
 * backends have really exited or the deadline passes.
 */
public final class SessionTerminator {

    /**
     * @param terminated the sessions that were signalled
     * @param refused the sessions the role may not terminate (left alone)
     * @param stillRunning pids that had not exited when the deadline passed
     */
    record Termination(List<Session> terminated, List<Session> refused, List<Integer> stillRunning) {}

    /**
     * The sessions one statement signalled to end, not yet waited for ({@link #signalAfter}).
     *
     * @param terminated the sessions that were signalled
     * @param refused the sessions the role may not terminate (left alone)
     */
    public record Signalled(List<Session> terminated, List<Session> refused) {}

    /**
     * What {@link #clear} did.
     *
     * @param ended every session terminated, each once
     * @param returning sessions found after the first round (clients that got in while connections were being
     *     blocked), one entry per appearance
     * @param stillRunning pids that had been terminated but not exited when the deadline passed
     * @param clear whether a last round found no session left
     */
    public record Cleared(List<Session> ended, List<Session> returning, List<Integer> stillRunning, boolean clear) {}

    private final MaintenanceConnection connection;

    public SessionTerminator(MaintenanceConnection connection) {
        this.connection = connection;
    }

    /** Terminates the sessions on the database now and waits for them; clients that connect meanwhile stay. */
    Termination terminate(DatabaseName database) {
        return waitFor(signalled(connection.query(
                SessionQueries.terminate(connection.version(), connection.superuser()),
                List.of(database.value()),
                SessionTerminator::row)));
    }

    /**
     * Runs {@code ddl} (the statement that closes the database) and signals the sessions on the database to end, in
     * one round trip and one transaction, without waiting for them: the first round of {@link #clear}, which takes
     * it from there. The SQLException is the caller's, as with {@link MaintenanceConnection#executeDdl}.
     */
    public Signalled signalAfter(String ddl, DatabaseName database) throws SQLException {
        return signalled(connection.executeDdlThenQuery(
                ddl,
                SessionQueries.terminate(connection.version(), connection.superuser()),
                List.of(database.value()),
                SessionTerminator::row));
    }

    private record Row(Session session, boolean terminated) {}

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(SessionQueries.session(rs), rs.getBoolean("terminated"));
    }

    private static Signalled signalled(List<Row> rows) {
        List<Session> terminated = new ArrayList<>();
        List<Session> refused = new ArrayList<>();
        for (Row row : SessionQueries.inOrder(rows, Row::session)) {
            if (row.terminated()) {
                terminated.add(row.session());
            } else if (!row.session().canTerminate()) {
                refused.add(row.session());
            }
        }
        return new Signalled(terminated, refused);
    }

    private Termination waitFor(Signalled signalled) {
        return new Termination(signalled.terminated(), signalled.refused(), waitUntilGone(signalled.terminated()));
    }

    /**
     * The terminate goal's step: ends the sessions on the database now and waits for them; fails, after ending the
     * others, naming those the role may not end or whose backends did not exit in time.
     *
     * @param where the database, for messages: {@code database "chat" on localhost:5432}
     */
    public List<Session> terminateAll(DatabaseName database, String where) {
        Termination termination = terminate(database);
        if (!termination.refused().isEmpty()) {
            throw refused(
                    "Terminated " + termination.terminated().size() + " session(s) on " + where + ", but",
                    termination.refused(),
                    connection.role());
        }
        if (!termination.stillRunning().isEmpty()) {
            throw new PgResetException(
                    Problem.TIMEOUT,
                    "Terminated the sessions on " + where + ", but backends " + termination.stillRunning()
                            + " had not exited within " + connection.deadline().describe()
                            + ". Raise pgreset.timeout.");
        }
        return termination.terminated();
    }

    /**
     * For a database closed to new connections: terminates until no session but the plugin's is left. A client that
     * passed the connection check just before ALTER DATABASE ... ALLOW_CONNECTIONS false committed gets in after the
     * first round; the next round ends it. Clear means a round found nobody to terminate; a backend that is still
     * starting up is not in pg_stat_activity yet, so callers retry their statement when the server still reports the
     * database in use (55006).
     *
     * @param refusal how a refusal begins, e.g. {@code Cannot drop database "chat" on localhost:5432:}
     * @throws PgResetException when the role may not terminate some session, before waiting for the others
     */
    public Cleared clear(DatabaseName database, String refusal) {
        return clear(database, refusal, null);
    }

    /**
     * {@link #clear}, its first round already signalled by {@link #signalAfter} ({@code first}; {@code null}: not).
     */
    public Cleared clear(DatabaseName database, String refusal, Signalled first) {
        Map<Integer, Session> ended = new LinkedHashMap<>();
        List<Session> returning = new ArrayList<>();
        for (int round = 1; ; round++) {
            Termination termination = round == 1 && first != null ? waitFor(first) : terminate(database);
            if (!termination.refused().isEmpty()) {
                throw refused(refusal, termination.refused(), connection.role());
            }
            boolean clear = termination.terminated().isEmpty();
            termination.terminated().forEach(s -> ended.put(s.pid(), s));
            if (round > 1) {
                returning.addAll(termination.terminated());
            }
            if (clear
                    || !termination.stillRunning().isEmpty()
                    || connection.deadline().expired()) {
                return new Cleared(List.copyOf(ended.values()), returning, termination.stillRunning(), clear);
            }
        }
    }

    /**
     * Fails, before anything is terminated, when {@code role} (the plugin's) may not terminate some of these sessions.
     */
    public static void requireTerminable(List<Session> sessions, String lead, String role) {
        List<Session> refused = sessions.stream().filter(s -> !s.canTerminate()).toList();
        if (!refused.isEmpty()) {
            throw refused(lead, refused, role);
        }
    }

    /**
     * The failure for sessions the plugin's role may not terminate, naming each and the privilege that would allow
     * it; {@code lead} says what could not be done.
     */
    static PgResetException refused(String lead, List<Session> refused, String role) {
        return new PgResetException(
                Problem.PERMISSION_DENIED,
                lead + " role " + role + " may not terminate " + refused.size() + " of its sessions:\n"
                        + Session.whyNotTerminable(refused, role));
    }

    /** Polls pg_stat_activity, with growing pauses, until every pid has gone or the deadline passes. */
    private List<Integer> waitUntilGone(List<Session> sessions) {
        int[] pids = sessions.stream().mapToInt(Session::pid).toArray();
        Duration pause = Backoff.POLL.first();
        while (pids.length > 0) {
            List<Integer> running = connection.query(SessionQueries.STILL_RUNNING, List.of(pids), rs -> rs.getInt(1));
            if (running.isEmpty()) {
                return List.of();
            }
            if (!connection.deadline().pause(pause)) {
                return running;
            }
            pids = running.stream().mapToInt(Integer::intValue).toArray();
            pause = Backoff.POLL.next(pause);
        }
        return List.of();
    }
}
