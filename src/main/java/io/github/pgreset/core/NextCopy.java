package io.github.pgreset.core;

import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The next prepared copy of a snapshot, made on its own thread after a restore while the build goes on (tests run on
 * the fresh database meanwhile). Whoever started it waits for it before the build reports its result, so nothing of it
 * runs after the build; a restore that comes first waits for it through the goal lock.
 */
public final class NextCopy {
    private final CompletableFuture<Duration> copy;

    private NextCopy(CompletableFuture<Duration> copy) {
        this.copy = copy;
    }

    /** Starts preparing the copy on a new daemon thread; the JVM's end (Ctrl-C) stops it. */
    public static NextCopy start(ResetService service, SnapshotOptions options) {
        return start(() -> service.prepareNextCopy(options));
    }

    /**
     * Starts preparing the copy on a new daemon thread, on a server session the caller keeps ({@link
     * ResetService#prepareNextCopy(MaintenanceConnection, SnapshotOptions)}), opened by {@code session} at its first
     * use: the JVM's end does not stop it, and whoever ends the JVM's work {@linkplain #await waits} for it.
     */
    public static NextCopy startOn(
            Supplier<MaintenanceConnection> session, ResetService service, SnapshotOptions options) {
        return start(() -> service.prepareNextCopy(session.get(), options));
    }

    private static NextCopy start(Supplier<Duration> preparing) {
        CompletableFuture<Duration> copy = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        copy.complete(preparing.get());
                    } catch (RuntimeException | Error e) {
                        copy.completeExceptionally(e);
                    }
                },
                "pgreset-next-copy");
        thread.setDaemon(true);
        // every failure goes to the future, and from there to whoever waits
        thread.setUncaughtExceptionHandler((t, e) -> {});
        thread.start();
        return new NextCopy(copy);
    }

    /**
     * Waits until the copy is made or {@code max} has passed.
     *
     * @return how long the copy took
     * @throws PgResetException when preparing it failed or did not finish in time
     */
    public Duration await(Duration max) {
        try {
            return copy.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PgResetException failure) {
                throw failure;
            }
            throw new PgResetException(Problem.SERVER_ERROR, "Preparing it failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PgResetException(
                    Problem.TIMEOUT,
                    "The next copy of the snapshot was not ready within " + max.toSeconds() + " s; the next restore "
                            + "clones the snapshot instead.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgResetException(Problem.TIMEOUT, "Interrupted while the next copy was prepared.");
        }
    }
}
