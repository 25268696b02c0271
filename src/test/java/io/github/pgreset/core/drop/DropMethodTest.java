package io.github.pgreset.core.drop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.ServerVersion;
import org.junit.jupiter.api.Test;

class DropMethodTest {
    private static final ServerVersion V12 = ServerVersion.parse("12.22");
    private static final ServerVersion V13 = ServerVersion.parse("13.0");

    @Test
    void forceFrom13OnBlockAndTerminateBefore() {
        assertThat(DropMethod.choose(true, false, V13)).isEqualTo(DropMethod.FORCE);
        assertThat(DropMethod.choose(true, false, V12)).isEqualTo(DropMethod.BLOCK_TERMINATE);
        assertThat(DropMethod.FORCE.blocksFirst()).isFalse();
        assertThat(DropMethod.BLOCK_TERMINATE.blocksFirst()).isTrue();
    }

    @Test
    void withoutForceAPlainDropOnEveryVersion() {
        assertThat(DropMethod.choose(false, false, V12)).isEqualTo(DropMethod.PLAIN);
        assertThat(DropMethod.choose(false, false, V13)).isEqualTo(DropMethod.PLAIN);
        assertThat(DropMethod.PLAIN.blocksFirst()).isFalse();
    }

    @Test
    void aRestoresSwapAlwaysBlocksFirstForARenameHasNoForce() {
        assertThat(DropMethod.choose(true, true, V13)).isEqualTo(DropMethod.MOVE_ASIDE);
        assertThat(DropMethod.choose(true, true, V12)).isEqualTo(DropMethod.MOVE_ASIDE);
        assertThat(DropMethod.MOVE_ASIDE.blocksFirst()).isTrue();
        assertThat(DropMethod.choose(false, true, V13)).isEqualTo(DropMethod.RENAME);
        assertThat(DropMethod.RENAME.blocksFirst()).isFalse();
    }
}
