package io.github.pgreset.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.catalog.DatabaseRow;
import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.ServerVersion;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which leftovers of an interrupted goal the next one repairs, decided from the rows alone. */
class LeftoversTest {
    private static final ServerVersion V12 = ServerVersion.parse("12.22");
    private static final ServerVersion V18 = ServerVersion.parse("18.1");
    private static final SnapshotNames NAMES = SnapshotNames.of(new DatabaseName("chat"), null);

    private static DatabaseRow row(String comment, boolean allowConnections, boolean template) {
        return new DatabaseRow(1, comment, allowConnections, -1, template, "app", true);
    }

    @Test
    void nothingLeftNothingToDo() {
        Map<DatabaseName, DatabaseRow> rows = Map.of(NAMES.target(), row("mine", true, false));
        Leftovers leftovers = Leftovers.of(NAMES, rows, V18);
        assertThat(leftovers.plan().steps()).isEmpty();
        assertThat(leftovers.line()).isEmpty();
    }

    @Test
    void aDatabasePgresetClosedIsReopenedWithItsOwnCommentBack() {
        Map<DatabaseName, DatabaseRow> rows = Map.of(
                NAMES.target(),
                row(Marks.closed("snapshot", Instant.now(), "the chat service's database"), false, false));
        Leftovers leftovers = Leftovers.of(NAMES, rows, V18);
        assertThat(leftovers.plan().statements())
                .containsExactly("ALTER DATABASE \"chat\" ALLOW_CONNECTIONS true; COMMENT ON DATABASE \"chat\" IS "
                        + "'the chat service''s database'");
        assertThat(leftovers.line()).startsWith("Repaired what an interrupted pgreset goal left: reopened database");
    }

    @Test
    void aDatabaseClosedByItsOwnerIsLeftClosed() {
        Map<DatabaseName, DatabaseRow> rows = Map.of(NAMES.target(), row("closed for maintenance", false, false));
        assertThat(Leftovers.of(NAMES, rows, V18).plan().steps()).isEmpty();
    }

    @Test
    void unfinishedCopiesAndMarkedDatabasesToDropAreDropped() {
        Map<DatabaseName, DatabaseRow> rows = new HashMap<>();
        rows.put(NAMES.partialSnapshot(), row(null, false, false));
        rows.put(NAMES.partialCopy(), row(null, false, false));
        rows.put(NAMES.aside(), row(Marks.ASIDE, false, false));
        rows.put(NAMES.replacedSnapshot(), row(Marks.snapshot(NAMES.target(), Instant.now(), null), false, true));
        Leftovers leftovers = Leftovers.of(NAMES, rows, V12);
        assertThat(leftovers.plan().statements())
                .containsExactly(
                        "DROP DATABASE IF EXISTS \"chat_pgreset_old\"",
                        "ALTER DATABASE \"chat_pgreset_prev\" IS_TEMPLATE false",
                        "DROP DATABASE IF EXISTS \"chat_pgreset_prev\"",
                        "DROP DATABASE IF EXISTS \"chat_pgreset_snap\"",
                        "DROP DATABASE IF EXISTS \"chat_pgreset_next\"");
        assertThat(leftovers.found()).hasSize(4);
    }

    @Test
    void whatPgresetCannotProveIsItsOwnIsNeverDropped() {
        Map<DatabaseName, DatabaseRow> rows = new HashMap<>();
        // open, or a template: not how pgreset leaves a copy it has not finished
        rows.put(NAMES.partialSnapshot(), row(null, true, false));
        rows.put(NAMES.partialCopy(), row(null, false, true));
        // no mark
        rows.put(NAMES.aside(), row("someone's", false, false));
        rows.put(NAMES.replacedSnapshot(), row(null, false, true));
        assertThat(Leftovers.of(NAMES, rows, V18).plan().steps()).isEmpty();
    }
}
