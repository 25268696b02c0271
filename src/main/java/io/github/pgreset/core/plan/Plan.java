package io.github.pgreset.core.plan;

import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.MaintenanceConnection;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a goal will do, decided before anything changes from what it read: its steps, in order. A dry run reports the
 * plan; a real run executes exactly it, so the two cannot differ.
 */
public record Plan(List<Step> steps) {
    /**
     * A hook for the tests that stop a goal part-way: with {@code -Dpgreset.test.pauseAfter=<step name>} the goal
     * prints {@code pgreset: paused after <name>} to the standard error and waits there until it is killed or stopped.
     */
    public static final String PAUSE_AFTER = "pgreset.test.pauseAfter";

    public Plan {
        steps = List.copyOf(steps);
    }

    public static Plan of(Step... steps) {
        return new Plan(List.of(steps));
    }

    public Plan then(Plan next) {
        List<Step> all = new ArrayList<>(steps);
        all.addAll(next.steps);
        return new Plan(all);
    }

    /** Every statement of the plan, in order: what a dry run shows and a real run sends. */
    public List<String> statements() {
        return steps.stream().flatMap(s -> s.statements().stream()).toList();
    }

    /**
     * Runs the steps in order (the caller holds a {@link StopGuard} on the connection). When a step fails, or the JVM stops the goal, what the steps
     * before it left half-done (a database closed, a copy not finished) is put back, newest first, and said in one
     * line; then the failure goes on to the caller.
     */
    public void execute(MaintenanceConnection connection, ProgressListener progress) {
        List<Step.Undo> pending = new ArrayList<>();
        try {
            for (Step step : steps) {
                long start = System.nanoTime();
                try {
                    step.action().run(connection);
                } catch (SQLException e) {
                    throw connection.failure(e, step.purpose());
                }
                // with mvn -X: where a goal's time goes, step by step
                progress.debug(String.format(
                        java.util.Locale.ROOT, "Step %s: %.1f ms.", step.name(), (System.nanoTime() - start) / 1e6));
                if (step.leaves() != null) {
                    pending.add(step.leaves());
                }
                pending.removeAll(step.settles());
                pauseIfAsked(step.name(), connection);
            }
        } catch (RuntimeException | Error e) {
            putBack(pending, connection, progress, connection.stopped());
            throw e;
        }
    }

    private static void putBack(
            List<Step.Undo> pending, MaintenanceConnection connection, ProgressListener progress, boolean stopped) {
        if (pending.isEmpty()) {
            return;
        }
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = pending.size() - 1; i >= 0; i--) {
            Step.Undo undo = pending.get(i);
            try {
                connection.executeUndo(undo.sql());
                done.add(undo.done());
            } catch (SQLException | RuntimeException e) {
                failed.add(undo.sql() + " (" + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            done.add("could not run " + String.join(", ", failed)
                    + ", which the next pgreset goal on the database does");
        }
        if (stopped) {
            // the StopGuard says it all in one line
            done.forEach(connection::putBack);
        } else {
            progress.info("After the failure, pgreset " + String.join("; ", done) + ".");
        }
    }

    /** See {@link #PAUSE_AFTER}. */
    static void pauseIfAsked(String step, MaintenanceConnection connection) {
        if (!step.equals(System.getProperty(PAUSE_AFTER))) {
            return;
        }
        System.err.println("pgreset: paused after " + step);
        System.err.flush();
        Deadline never = Deadline.after(java.time.Duration.ofDays(1));
        while (!connection.stopped()) {
            never.pause(java.time.Duration.ofMillis(20));
        }
        connection.stop();
        throw new PgResetException(Problem.STOPPED, "pgreset was stopped after step " + step + ".");
    }
}
