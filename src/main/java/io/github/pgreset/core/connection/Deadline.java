package io.github.pgreset.core.connection;

import java.time.Duration;

/** The moment by which a goal must be done (pgreset.timeout from its start). */
public record Deadline(long endNanos, Duration total) {
    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /**
     * {@code pgreset.timeout (60 s)}: the limit, as a message names it next to the parameter that raises it. Every
     * deadline is pgreset.timeout from a goal's start.
     */
    public String describe() {
        long millis = total.toMillis();
        return "pgreset.timeout (" + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms") + ")";
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** How long ago the goal started (its timeout began). */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - (endNanos - total.toNanos()));
    }

    public boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** Whole seconds left, at least 1: for JDBC query timeouts. */
    public int remainingSecondsAtLeastOne() {
        return (int) Math.max(1, (remaining().toMillis() + 999) / 1000);
    }

    /** Sleeps for {@code pause}, or less when the deadline is nearer; false once the deadline has passed. */
    public boolean pause(Duration pause) {
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
