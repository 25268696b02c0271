package io.github.pgreset.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.DatabaseName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state a plan is decided from, and the same state once a stopped goal's leftovers are repaired. */
class TargetStateTest {
    private static final DatabaseName CHAT = new DatabaseName("chat");

    private static TargetState state(DatabaseRow row) {
        return new TargetState(
                new CatalogRow(row, false, true, true), List.of(), List.of(), List.of(), Map.of(CHAT, row));
    }

    @Test
    void aDatabaseAStoppedGoalClosedIsOpenAgainWithItsOwnComment() {
        DatabaseRow closed =
                new DatabaseRow(7, Marks.closed("drop", Instant.EPOCH, "mine"), false, -1, false, "app", true);
        TargetState repaired = state(closed).repaired(CHAT);
        DatabaseRow open = repaired.catalog().database();
        assertThat(open.allowConnections()).isTrue();
        assertThat(open.comment()).isEqualTo("mine");
        assertThat(open.oid()).isEqualTo(7);
        assertThat(repaired.rows().get(CHAT)).isEqualTo(open);
        assertThat(repaired.catalog().readOnly()).as("the rest as read").isTrue();
        assertThat(repaired.catalog().mayCreateDatabases()).isTrue();
    }

    @Test
    void anythingElseIsLeftAsRead() {
        DatabaseRow closedByItsOwner = new DatabaseRow(7, "maintenance", false, -1, false, "app", true);
        TargetState state = state(closedByItsOwner);
        assertThat(state.repaired(CHAT)).isSameAs(state);
        TargetState none =
                new TargetState(new CatalogRow(null, false, false, true), List.of(), List.of(), List.of(), Map.of());
        assertThat(none.repaired(CHAT)).isSameAs(none);
        assertThat(new DatabaseRow(1, null, false, -2, false, "app", true).invalid())
                .isTrue();
        assertThat(closedByItsOwner.invalid()).isFalse();
    }
}
