package io.github.pgreset.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.connection.DatabaseName;
import org.junit.jupiter.api.Test;

/** The swap's statements: what a dry run shows and the swap's transaction sends. */
class NameSwapTest {
    private static final DatabaseName CHAT = new DatabaseName("chat");
    private static final DatabaseName NEXT = new DatabaseName("chat_next");
    private static final DatabaseName OLD = new DatabaseName("chat_pgreset_old");

    @Test
    void theTargetGoesAsideMarkedAndTheCopyTakesItsNameOpenAndUnmarked() {
        NameSwap swap = new NameSwap(CHAT, NEXT, OLD, Marks.ASIDE, false);
        assertThat(swap.statements())
                .containsExactly(
                        "ALTER DATABASE \"chat\" RENAME TO \"chat_pgreset_old\"",
                        "COMMENT ON DATABASE \"chat_pgreset_old\" IS '" + Marks.ASIDE + "'",
                        "ALTER DATABASE \"chat_next\" RENAME TO \"chat\"",
                        "ALTER DATABASE \"chat\" ALLOW_CONNECTIONS true",
                        "COMMENT ON DATABASE \"chat\" IS NULL");
    }

    @Test
    void aSuperuserHoldsBackNewConnectionsFirst() {
        NameSwap swap = new NameSwap(CHAT, NEXT, OLD, Marks.ASIDE, true);
        assertThat(swap.statements()).first().isEqualTo(NameSwap.HOLD_BACK);
        assertThat(swap.statements()).hasSize(6);
    }

    @Test
    void intoAFreeNameNothingGoesAside() {
        NameSwap free = new NameSwap(CHAT, NEXT, OLD, Marks.ASIDE, false).withoutAside();
        assertThat(free.aside()).isNull();
        assertThat(free.statements())
                .containsExactly(
                        "ALTER DATABASE \"chat_next\" RENAME TO \"chat\"",
                        "ALTER DATABASE \"chat\" ALLOW_CONNECTIONS true",
                        "COMMENT ON DATABASE \"chat\" IS NULL");
        assertThat(new NameSwap(CHAT, NEXT, OLD, Marks.ASIDE, true)
                        .withoutAside()
                        .holdBackConnections())
                .isTrue();
    }
}
