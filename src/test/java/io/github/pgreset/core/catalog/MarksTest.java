package io.github.pgreset.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.DatabaseName;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MarksTest {
    private static final Instant AT = Instant.parse("2026-12-01T07:00:00.123Z");

    @Test
    void aClosingMarkKeepsTheDatabasesOwnCommentWhateverItSays() {
        for (String own :
                new String[] {null, "the chat service's database", "two\nlines", "pgreset: looks like ours"}) {
            String mark = Marks.closed("snapshot", AT, own);
            assertThat(Marks.isClosed(mark)).isTrue();
            assertThat(Marks.isOwn(mark)).isTrue();
            assertThat(Marks.before(mark)).isEqualTo(own);
        }
    }

    @Test
    void aCommentThatIsNoClosingMarkIsKeptAsItIs() {
        assertThat(Marks.isClosed("the chat service's database")).isFalse();
        assertThat(Marks.before("the chat service's database")).isEqualTo("the chat service's database");
        assertThat(Marks.isClosed(null)).isFalse();
        assertThat(Marks.before(null)).isNull();
        assertThat(Marks.isClosed(Marks.snapshot(new DatabaseName("chat"), AT, null)))
                .isFalse();
    }

    @Test
    void aSnapshotsMarkSaysWhenItWasTakenToTheSecond() {
        String mark = Marks.snapshot(new DatabaseName("chat"), AT, null);
        assertThat(Marks.isSnapshot(mark)).isTrue();
        assertThat(Marks.takenAt(mark)).isEqualTo(Instant.parse("2026-12-01T07:00:00Z"));
        assertThat(Marks.isSnapshot(Marks.copy(42))).isFalse();
        assertThat(Marks.isSnapshot(Marks.ASIDE)).isFalse();
        assertThat(Marks.isSnapshot(null)).isFalse();
        assertThat(Marks.takenAt("pgreset: snapshot of chat")).isNull();
        assertThat(Marks.takenAt("pgreset: snapshot of chat, taken yesterday")).isNull();
    }

    @Test
    void onlyPgresetsCommentsAreItsOwn() {
        assertThat(Marks.isOwn(Marks.copy(42))).isTrue();
        assertThat(Marks.isOwn(Marks.ASIDE)).isTrue();
        assertThat(Marks.isOwn("made by hand")).isFalse();
        assertThat(Marks.isOwn(null)).isFalse();
    }

    @Test
    void aSnapshotsMarkSaysWhichDatabaseItWasTakenOf() {
        assertThat(Marks.snapshotOf(Marks.snapshot(new DatabaseName("chat_it_2"), AT, null)))
                .isEqualTo("chat_it_2");
        assertThat(Marks.snapshotOf(Marks.snapshot(new DatabaseName("a, taken b"), AT, null)))
                .isEqualTo("a, taken b");
        assertThat(Marks.snapshotOf("the chat service's database")).isNull();
        assertThat(Marks.snapshotOf(null)).isNull();
    }
}
