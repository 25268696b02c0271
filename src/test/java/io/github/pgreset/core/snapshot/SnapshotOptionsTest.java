package io.github.pgreset.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import org.junit.jupiter.api.Test;

/** A snapshot's options: their defaults, and onStaleSnapshot read as users type it. */
class SnapshotOptionsTest {

    @Test
    void defaultsCopyAsTheMachineAllowsAndRecreateAStaleSnapshot() {
        SnapshotOptions options = new SnapshotOptions("chat_base", null, null, null);
        assertThat(options.fileCopyMethod()).isEqualTo(FileCopyMethod.AUTO);
        assertThat(options.onStale()).isEqualTo(SnapshotOptions.OnStale.RECREATE);
        assertThat(options.names(new DatabaseName("chat")).snapshot()).isEqualTo(new DatabaseName("chat_base"));
        assertThat(SnapshotOptions.DEFAULTS.names(new DatabaseName("chat")).snapshot())
                .isEqualTo(new DatabaseName("chat_snapshot"));
        assertThat(SnapshotOptions.named("x")).isEqualTo(new SnapshotOptions("x", FileCopyMethod.AUTO, null, null));
    }

    @Test
    void onStaleSnapshotInAnyCase() {
        assertThat(SnapshotOptions.OnStale.parse("FAIL")).isEqualTo(SnapshotOptions.OnStale.FAIL);
        assertThat(SnapshotOptions.OnStale.parse("recreate")).isEqualTo(SnapshotOptions.OnStale.RECREATE);
        PgResetException typo =
                catchThrowableOfType(() -> SnapshotOptions.OnStale.parse("recrate"), PgResetException.class);
        assertThat(typo.problem()).isEqualTo(Problem.CONFIGURATION);
        assertThat(typo.getMessage()).contains("pgreset.onStaleSnapshot", "recrate");
    }
}
