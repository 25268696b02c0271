package io.github.pgreset.core;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One goal on several databases of a server at once (pgreset.databases, e.g. one database per test fork), over a
 * small pool of connections: each database gets its own service and connection, and one failure does not stop or
 * hide the others.
 */
public final class EachDatabase {
    /** At most this many databases are worked on at the same time (each holds one connection). */
    public static final int PARALLELISM = 4;

    /**
     * What happened to one database: a result, or the failure.
     *
     * @param database the database
     * @param result the goal's result, {@code null} when it failed
     * @param failure the failure, {@code null} when it succeeded
     */
    public record Outcome<T>(DatabaseName database, T result, PgResetException failure) {}

    private EachDatabase() {}

    /** Runs {@code goal} for each database (in the order given in the outcomes), at most {@link #PARALLELISM} at once. */
    public static <T> List<Outcome<T>> run(
            ResetSettings settings,
            List<DatabaseName> databases,
            ProgressListener progress,
            Function<ResetService, T> goal) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLELISM, Math.max(1, databases.size())), r -> {
            Thread thread = new Thread(r, "pgreset-database");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (DatabaseName database : databases) {
                futures.add(pool.submit(() -> goal.apply(new ResetService(settings.forDatabase(database), progress))));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (int i = 0; i < databases.size(); i++) {
                outcomes.add(outcome(databases.get(i), futures.get(i)));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Outcome<T> outcome(DatabaseName database, Future<T> future) {
        try {
            return new Outcome<>(database, future.get(), null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PgResetException failure) {
                return new Outcome<>(database, null, failure);
            }
            return new Outcome<>(
                    database,
                    null,
                    new PgResetException(
                            Problem.SERVER_ERROR,
                            "Unexpected failure on database \"" + database + "\": " + e.getCause(),
                            e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(
                    database, null, new PgResetException(Problem.TIMEOUT, "Interrupted before \"" + database + "\"."));
        }
    }
}
