package io.github.pgreset.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the queries that borrowers of a connection pool ran, so that a test can wait until the pool works (HikariCP
 * backs off up to 5 s between attempts to connect) instead of sleeping.
 */
public final class PoolQueries {
    private static final long DEADLINE_SECONDS = 20;

    private final AtomicInteger count = new AtomicInteger();

    /** One query ran. */
    public void ran() {
        count.incrementAndGet();
    }

    /** How many queries ran so far. */
    public int count() {
        return count.get();
    }

    /** Waits until at least {@code total} queries have run, or fails after 20 seconds. */
    public void awaitAtLeast(int total, String when) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (count.get() < total) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The pool ran only " + count.get() + " of " + total + " queries " + when
                        + " within " + DEADLINE_SECONDS + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
