package io.github.pgreset.core.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sessions of one client: the same role, application and address, such as the ten connections of a pool. The log
 * shows one line per group; the JSON report and the debug log list every session.
 *
 * @param who the role, application and client address the sessions share ({@link Session#who()})
 * @param pids the sessions' backend process ids, in the order they were listed
 */
public record SessionGroup(String who, List<Integer> pids) {
    public SessionGroup {
        pids = List.copyOf(pids);
    }

    /** The sessions grouped by {@link Session#who()}, groups in the order their first session was listed. */
    public static List<SessionGroup> of(List<Session> sessions) {
        Map<String, List<Integer>> byWho = new LinkedHashMap<>();
        for (Session session : sessions) {
            byWho.computeIfAbsent(session.who(), who -> new ArrayList<>()).add(session.pid());
        }
        return byWho.entrySet().stream()
                .map(e -> new SessionGroup(e.getKey(), e.getValue()))
                .toList();
    }

    /**
     * {@code pid 4711 (user alice, application "psql", from 127.0.0.1)} for one session, {@code 10 sessions (user app,
     * application "HikariPool-1", from 127.0.0.1): pids 101, 102, ...} for several.
     */
    public String describe() {
        if (pids.size() == 1) {
            return "pid " + pids.get(0) + " (" + who + ")";
        }
        return pids.size() + " sessions (" + who + "): pids "
                + pids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /**
     * {@code pids 101, 102, ... (user app, application "HikariPool-1", from 127.0.0.1)}: the same, where the count is
     * said elsewhere.
     */
    public String describeWithoutCount() {
        return (pids.size() == 1 ? "pid " : "pids ")
                + pids.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " (" + who + ")";
    }
}
