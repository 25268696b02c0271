package io.github.pgreset.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.DatabaseName;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTableTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-24T12:00:00Z");

    private static Session session(int pid, String app, String state, String query) {
        return new Session(
                pid,
                "alice",
                app,
                "127.0.0.1",
                state,
                NOW.minusMinutes(3).minusSeconds(12),
                NOW.minusSeconds(5),
                null,
                query,
                false,
                true);
    }

    @Test
    void rendersOneAlignedLinePerSessionWithLongValuesCut() {
        List<String> lines = SessionTable.render(
                List.of(
                        session(4711, "psql", "idle", "SELECT 1"),
                        session(
                                12,
                                "HikariPool-1 with a very long application name",
                                "active",
                                "SELECT *\n  FROM accounts\n WHERE id IN (SELECT account_id FROM orders WHERE total > 100) ORDER BY id")),
                NOW);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith(" pid | user  | application").contains("| connected | in state |");
        assertThat(lines.get(2)).startsWith("4711 | alice | psql ").contains("| 3m 12s    | 5s ");
        assertThat(lines.get(3))
                .contains("HikariPool-1 with a very long…")
                .contains("SELECT * FROM accounts WHERE id IN (SELECT account_id FROM …")
                .doesNotContain("\n");
        assertThat(lines.get(2).indexOf("| alice")).isEqualTo(lines.get(3).indexOf("| alice"));
    }

    @Test
    void summarisesByState() {
        DatabaseName chat = new DatabaseName("chat");
        assertThat(SessionTable.summary(chat, List.of())).isEqualTo("No sessions on \"chat\"");
        assertThat(SessionTable.summary(chat, List.of(session(1, "a", "idle", ""))))
                .isEqualTo("1 session on \"chat\": 1 idle");
        assertThat(SessionTable.summary(
                        chat,
                        List.of(
                                session(1, "a", "idle", ""),
                                session(2, "b", "active", ""),
                                session(3, "c", "idle", ""))))
                .isEqualTo("3 sessions on \"chat\": 2 idle, 1 active");
    }

    @Test
    void agesAreCompact() {
        assertThat(SessionTable.age(NOW.minusSeconds(45), NOW)).isEqualTo("45s");
        assertThat(SessionTable.age(NOW.minusHours(2).minusMinutes(5), NOW)).isEqualTo("2h 5m");
        assertThat(SessionTable.age(NOW.minusDays(3).minusHours(4), NOW)).isEqualTo("3d 4h");
        assertThat(SessionTable.age(null, NOW)).isEmpty();
    }
}
