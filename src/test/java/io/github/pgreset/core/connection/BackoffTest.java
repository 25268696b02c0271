package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static List<Long> pauses(Backoff backoff, int count) {
        List<Long> millis = new ArrayList<>();
        Duration pause = backoff.first();
        for (int i = 0; i < count; i++) {
            millis.add(pause.toMillis());
            pause = backoff.next(pause);
        }
        return millis;
    }

    @Test
    void retriesDoubleFrom20MsToASecond() {
        assertThat(pauses(Backoff.RETRY, 8)).containsExactly(20L, 40L, 80L, 160L, 320L, 640L, 1000L, 1000L);
    }

    @Test
    void pollsDoubleFrom2MsTo100Ms() {
        assertThat(pauses(Backoff.POLL, 8)).containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 100L, 100L);
    }
}
