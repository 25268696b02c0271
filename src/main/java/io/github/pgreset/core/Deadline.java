package io.github.pgreset.core;

import java.time.Duration;

/** The moment by which a goal must be done (pgreset.timeout from its start). */
record Deadline(long endNanos, Duration total) {
    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** Whole seconds left, at least 1: for JDBC query timeouts. */
    int remainingSecondsAtLeastOne() {
        return (int) Math.max(1, (remaining().toMillis() + 999) / 1000);
    }

    /** Sleeps for {@code pause}, or less when the deadline is nearer; false once the deadline has passed. */
    boolean pause(Duration pause) {
        long millis = Math.min(pause.toMillis(), remaining().toMillis());
        if (millis <= 0) {
            return false;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgResetException(Problem.TIMEOUT, "Interrupted while waiting", e);
        }
        return !expired();
    }
}
