package io.github.pgreset.core.connection;

import java.time.Duration;

/**
 * How long to wait before looking or trying again: the pause doubles from {@code first} up to {@code longest}. Every
 * wait is also bounded by the goal's {@link Deadline}.
 *
 * @param first the first pause
 * @param longest the pause never grows beyond this
 */
public record Backoff(Duration first, Duration longest) {
    /** A statement the server refused because the database was in use (or a lock was not granted): try again. */
    public static final Backoff RETRY = new Backoff(Duration.ofMillis(20), Duration.ofSeconds(1));

    /** Terminated backends are polled until they have exited; most are gone within milliseconds. */
    public static final Backoff POLL = new Backoff(Duration.ofMillis(2), Duration.ofMillis(100));

    /** The pause after {@code pause}: doubled, at most {@link #longest}. */
    public Duration next(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(longest) > 0 ? longest : doubled;
    }
}
