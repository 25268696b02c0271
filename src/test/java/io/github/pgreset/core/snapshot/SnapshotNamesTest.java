package io.github.pgreset.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pgreset.core.connection.DatabaseName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every name a snapshot derives from its database works, however long or hyphenated the database's name. */
class SnapshotNamesTest {
    private static final DatabaseName LONG = new DatabaseName("tc-guide-working-with-jooq-flyway-using-testcontainers");

    @Test
    void aShortNameGetsEachSuffixAsItIs() {
        SnapshotNames names = SnapshotNames.of(new DatabaseName("chat-service"), null);
        assertThat(List.of(
                        names.snapshot(),
                        names.prepared(),
                        names.aside(),
                        names.partialSnapshot(),
                        names.partialCopy(),
                        names.replacedSnapshot()))
                .extracting(DatabaseName::value)
                .containsExactly(
                        "chat-service_snapshot",
                        "chat-service_next",
                        "chat-service_pgreset_old",
                        "chat-service_pgreset_snap",
                        "chat-service_pgreset_next",
                        "chat-service_pgreset_prev");
        assertThat(names.shortened()).isEmpty();
    }

    @Test
    void aLongNameGetsWorkingNamesShortenedWithADigestAndSaysWhich() {
        SnapshotNames names = SnapshotNames.of(LONG, null);
        assertThat(names.snapshot().value()).isEqualTo(LONG.value() + "_snapshot");
        assertThat(names.prepared().value()).isEqualTo(LONG.value() + "_next");
        assertThat(List.of(names.aside(), names.partialSnapshot(), names.partialCopy(), names.replacedSnapshot()))
                .allSatisfy(name -> assertThat(name.value())
                        .hasSize(63)
                        .startsWith("tc-guide-working-with-jooq-flyway-using-tes")
                        .matches(".*_[0-9a-f]{6}_pgreset_(old|snap|next|prev)"))
                .doesNotHaveDuplicates();
        assertThat(names.shortened())
                .hasSize(4)
                .first()
                .asString()
                .matches("\"tc-guide-working-with-jooq-flyway-using-test_[0-9a-f]{6}_pgreset_old\" for \""
                        + LONG.value() + "_pgreset_old\"");
    }

    @Test
    void theNamesOfTwoDatabasesOfTheSameLongStartStayApart() {
        SnapshotNames a = SnapshotNames.of(new DatabaseName(LONG.value() + "_1"), null);
        SnapshotNames b = SnapshotNames.of(new DatabaseName(LONG.value() + "_2"), null);
        assertThat(a.aside()).isNotEqualTo(b.aside());
        assertThat(a.prepared()).isNotEqualTo(b.prepared());
        assertThat(a.snapshot().value()).as("56 + 9 bytes: shortened too").hasSize(63);
    }

    @Test
    void aSnapshotNamedByTheUserIsNotSaidToBeShortened() {
        SnapshotNames names = SnapshotNames.of(LONG, "persistence_snapshot");
        assertThat(names.shortened()).hasSize(4).noneMatch(said -> said.contains("persistence_snapshot"));
    }

    @Test
    void aNamedSnapshotTooLongIsRefusedWithTheParameterThatFixesIt() {
        assertThatThrownBy(() -> SnapshotNames.of(new DatabaseName("chat"), "s".repeat(64)))
                .hasMessageContaining("snapshot's name")
                .hasMessageContaining("pgreset.snapshotName");
    }
}
