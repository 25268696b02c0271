package io.github.pgreset.core.report;

import java.time.Duration;
import java.time.Instant;

/** When a goal started, on the wall clock for the report and on the monotonic clock for its duration. */
public record GoalClock(Instant startedAt, long startNanos) {
    public static GoalClock start() {
        return new GoalClock(Instant.now(), System.nanoTime());
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
