package io.github.pgreset.core.plan;

import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.ProgressListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While a plan runs, a JVM shutdown hook (Ctrl-C, SIGTERM from an IDE's stop button or a cancelled CI job) that stops
 * it cleanly: it {@linkplain MaintenanceConnection#stop stops} the plan's connection, which cancels the statement in
 * progress on the server, and keeps the JVM alive, {@link #GRACE} at most, until the plan has put back what it left
 * half-done. A killed JVM (SIGKILL, out of memory) runs no hook; the marks the plan wrote let the next goal repair
 * instead ({@code Leftovers}). Removed when the plan ends, so a JVM that stays up (an IDE, a daemon) keeps no hook.
 */
public final class StopGuard implements AutoCloseable {
    /** How long the JVM's shutdown waits for the plan to put things back. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final MaintenanceConnection connection;
    private final ProgressListener progress;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicBoolean said = new AtomicBoolean();
    private final Thread hook;

    private StopGuard(MaintenanceConnection connection, ProgressListener progress) {
        this.connection = connection;
        this.progress = progress;
        this.hook = new Thread(this::stop, "pgreset-stop");
    }

    public static StopGuard watch(MaintenanceConnection connection, ProgressListener progress) {
        StopGuard guard = new StopGuard(connection, progress);
        try {
            Runtime.getRuntime().addShutdownHook(guard.hook);
        } catch (IllegalStateException shuttingDown) {
            connection.stop();
        }
        return guard;
    }

    /** Whether the JVM is shutting down and the plan was stopped. */
    boolean stopped() {
        return connection.stopped();
    }

    private void stop() {
        connection.stop();
        boolean finished;
        try {
            finished = ended.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            say("; it had not finished within " + GRACE.toSeconds() + " s: the next pgreset goal on the database "
                    + "repairs what is left.");
        }
    }

    /**
     * The one line that says what the stopped plan put back. The goal's own thread says it when the plan has ended,
     * before its failure reaches Maven, so that it stands before Maven's BUILD FAILURE, not somewhere in it; the hook
     * says it only when the plan did not end in time.
     */
    private void say(String end) {
        if (!said.compareAndSet(false, true)) {
            return;
        }
        List<String> putBack = connection.putBack();
        String line = "pgreset was stopped; "
                + (putBack.isEmpty() ? "nothing it had begun needed putting back" : "it " + String.join("; ", putBack))
                + end;
        try {
            progress.info(line);
        } catch (RuntimeException closed) {
            // Maven 4 closes its terminal in a shutdown hook of its own, which may have run first
            System.err.println("[INFO] " + line);
        }
    }

    @Override
    public void close() {
        if (connection.stopped()) {
            say(".");
        }
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran; it returns now that the plan has ended
        }
    }
}
