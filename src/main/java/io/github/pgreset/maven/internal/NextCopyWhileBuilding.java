package io.github.pgreset.maven.internal;

import io.github.pgreset.core.NextCopy;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.Target;
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
        BeforeBuildResult.register(session, what(service.target()), () -> {
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
     * Finishes first the next copy this build is still making for {@code target}, before another goal on it, which
     * would race the copy for the database (the goal lock would make it wait; a restore would clone the snapshot
     * instead of swapping the copy in).
     */
    public static void finishBefore(MavenSession session, Target target) {
        BeforeBuildResult.finishNow(session, what(target));
    }

    /** {@code localhost:5432/chat}: the database a next copy is for (the target of the goal that started it). */
    private static String what(Target target) {
        return target.connection().location() + "/" + target.database().value();
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
