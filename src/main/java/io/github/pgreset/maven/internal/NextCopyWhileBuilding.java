package io.github.pgreset.maven.internal;

import io.github.pgreset.core.NextCopy;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.snapshot.SnapshotNames;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import java.time.Duration;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;

/**
 * The next prepared copy of a snapshot, made on its own thread after {@code restore} or {@code snapshot} while the
 * build goes on, and waited for when the build ends, before Maven prints its result (at most pgreset.timeout, which
 * bounds the copy too). A copy that cannot be made is a warning: the next restore clones the snapshot instead.
 */
public final class NextCopyWhileBuilding {
    /** Beyond pgreset.timeout (which bounds the copy's statements and lock waits): connecting and closing. */
    private static final Duration AWAIT_MARGIN = Duration.ofSeconds(15);
    /** Longer than a stopping goal keeps the JVM up to put things back (10 s): by then the JVM has halted. */
    private static final Duration JVM_END = Duration.ofSeconds(30);

    private NextCopyWhileBuilding() {}

    public static void start(
            MavenSession session,
            Log log,
            ResetService service,
            SnapshotOptions options,
            SnapshotNames names,
            Duration timeout) {
        NextCopy next = NextCopy.start(service, options);
        String copy = "the next copy of \"" + names.snapshot() + "\" for \"" + names.target() + "\"";
        log.debug("Preparing " + copy + " in the background; the build waits for it before it ends.");
        BeforeBuildResult.register(session, what(service, names), () -> {
            try {
                Duration took = next.await(timeout.plus(AWAIT_MARGIN));
                log.info(
                        "pgreset: " + copy + " is ready (made in " + took.toMillis() + " ms while the build went on).");
            } catch (PgResetException e) {
                if (e.problem() == Problem.STOPPED) {
                    // the JVM is ending (Ctrl-C, SIGTERM): its stop line said what was put back, and Maven must not
                    // go on to print the build's result, a BUILD SUCCESS of a build that was stopped
                    awaitTheJvmsEnd();
                    return;
                }
                log.warn("pgreset: could not prepare " + copy + ": " + e.getMessage()
                        + " The next restore clones the snapshot instead.");
            }
        });
    }

    /**
     * Finishes first the next copy this build is still making for the same database, which the goal about to run
     * would race for it (the goal lock would make it wait, and it would restore without the copy or snapshot twice).
     */
    public static void finishBefore(MavenSession session, ResetService service, SnapshotNames names) {
        BeforeBuildResult.finishNow(session, what(service, names));
    }

    /** {@code localhost:5432/chat}: the database a next copy is for. */
    private static String what(ResetService service, SnapshotNames names) {
        return service.target().connection().location() + "/" + names.target().value();
    }

    /** Holds the thread that would print the build's result until the stopping JVM halts (a bounded wait). */
    private static void awaitTheJvmsEnd() {
        try {
            Thread.sleep(JVM_END.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
