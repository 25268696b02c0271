package io.github.pgreset.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionGroupTest {
    private static Session session(int pid, String user, String application, String address) {
        return new Session(pid, user, application, address, "idle", null, null, null, null, false, true);
    }

    @Test
    void aPoolOfTenIsOneGroupWithItsPids() {
        List<Session> sessions = new ArrayList<>();
        for (int pid = 101; pid <= 110; pid++) {
            sessions.add(session(pid, "app", "HikariPool-1", "127.0.0.1"));
        }
        sessions.add(5, session(4711, "alice", "psql", null));

        List<SessionGroup> groups = SessionGroup.of(sessions);

        assertThat(groups)
                .extracting(SessionGroup::describe)
                .containsExactly(
                        "10 sessions (user app, application \"HikariPool-1\", from 127.0.0.1): pids 101, 102, 103, 104, 105, "
                                + "106, 107, 108, 109, 110",
                        "pid 4711 (user alice, application \"psql\", from local socket)");
    }

    @Test
    void theSameApplicationFromAnotherAddressOrRoleIsAnotherClient() {
        List<SessionGroup> groups = SessionGroup.of(List.of(
                session(1, "app", "HikariPool-1", "127.0.0.1"),
                session(2, "app", "HikariPool-1", "10.0.0.7"),
                session(3, "admin", "HikariPool-1", "127.0.0.1")));

        assertThat(groups).hasSize(3).allMatch(g -> g.pids().size() == 1);
    }

    @Test
    void theOnlyClientIsDescribedWithoutTheCountTheResultLineGives() {
        SessionGroup pool = new SessionGroup("user app, application \"HikariPool-1\", from 127.0.0.1", List.of(7, 8));
        assertThat(pool.describeWithoutCount())
                .isEqualTo("pids 7, 8 (user app, application \"HikariPool-1\", from 127.0.0.1)");
        assertThat(new SessionGroup("user alice", List.of(9)).describeWithoutCount())
                .isEqualTo("pid 9 (user alice)");
    }

    @Test
    void noSessionsNoGroups() {
        assertThat(SessionGroup.of(List.of())).isEmpty();
    }
}
