package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.ProgressListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One build's use of the server that {@code start} started or found: held from the start until the build ends, when
 * {@link #end} stops the server if no other build uses it and it was not started by hand. A JVM shutdown hook ends it
 * when the build is stopped (Ctrl-C, a cancelled CI job); a JVM that stays up (an IDE, a daemon) ends it with the build
 * and keeps no hook. A JVM killed outright leaves the server running, and the next build that uses it stops it at its
 * end.
 */
public final class ServerUse {
    /** How long a build's stop waits for its own goals to put back what they had begun before the server stops. */
    private static final Duration STOPPING = Duration.ofSeconds(10);

    private final LocalServers servers;
    private final ServerDirectory folder;
    private final ServerUsers.Hold hold;
    private final ProgressListener progress;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread hook;
    /** Set for a user whose JVM's end is its normal end (the tests of one JVM): run before the use ends with it. */
    private volatile Runnable normalEnd;

    ServerUse(LocalServers servers, ServerDirectory folder, ServerUsers.Hold hold, ProgressListener progress) {
        this.servers = servers;
        this.folder = folder;
        this.hook = new Thread(this::stoppedWithTheJvm, "pgreset-stop-server");
        this.hold = hold;
        this.progress = progress;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is ending already: its end releases the hold, and the next build stops the server
        }
    }

    /** The server's folder. */
    public java.nio.file.Path dataDirectory() {
        return folder.root();
    }

    /**
     * What the end of a use did with the server.
     *
     * @param dataDirectory the server's folder
     * @param outcome what became of the server
     * @param otherUsers how many other builds or test runs used it still
     * @param millis how long stopping it took
     */
    public record Ended(java.nio.file.Path dataDirectory, Outcome outcome, int otherUsers, long millis) {}

    /** What became of the server at the end of a use. */
    public enum Outcome {
        /** Stopped: the last build that used it ended, and it was not started by hand. */
        STOPPED,
        /** Left running for the other builds or test runs that use it; the last of them stops it. */
        OTHERS_USE_IT,
        /** Left running: started by hand ({@code mvn pgreset:start}); {@code mvn pgreset:stop} stops it. */
        KEPT,
        /** It was not running any more (stopped by hand meanwhile). */
        NOT_RUNNING,
        /** Another use of this build ended it, or will. */
        ENDED_ALREADY
    }

    /** Ends the use: the server stops when this was its last user and it was not started by hand. */
    public Ended end(Duration timeout) {
        if (!ended.compareAndSet(false, true)) {
            return new Ended(folder.root(), Outcome.ENDED_ALREADY, 0, 0);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is what called this
        }
        return servers.endUse(folder, hold, timeout);
    }

    /** Gives the use up without stopping anything: another use of the same build holds the server. */
    public void release() {
        if (ended.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM's end releases the hold
            }
            hold.release();
        }
    }

    /**
     * For a user whose JVM's end is its normal end, as the tests of one JVM, which run until it exits: at the JVM's end
     * {@code beforeTheEnd} runs (the user's work put back), then the use ends as {@link #end} ends it, said at debug
     * level only.
     */
    public void endsWithTheJvm(Runnable beforeTheEnd) {
        this.normalEnd = beforeTheEnd;
    }

    /** The build was stopped: the server stops as at the end of the build, once the goals have put things back. */
    private void stoppedWithTheJvm() {
        Runnable beforeTheEnd = normalEnd;
        if (beforeTheEnd != null) {
            endedWithTheJvm(beforeTheEnd);
            return;
        }
        try {
            Ended ended = end(STOPPING);
            if (ended.outcome() == Outcome.STOPPED) {
                say("pgreset: the build was stopped; stopped the PostgreSQL server in " + folder.root() + ".");
            }
        } catch (RuntimeException e) {
            say("pgreset: the build was stopped, and the PostgreSQL server in " + folder.root()
                    + " could not be stopped: " + e.getMessage() + " mvn pgreset:stop stops it.");
        }
    }

    private void endedWithTheJvm(Runnable beforeTheEnd) {
        try {
            beforeTheEnd.run();
        } catch (RuntimeException e) {
            progress.debug("pgreset: the JVM ended, and its work on the server in " + folder.root()
                    + " could not be put back: " + e.getMessage());
        }
        try {
            Ended ended = end(STOPPING);
            progress.debug("pgreset: the JVM ended; the PostgreSQL server in " + folder.root() + ": " + ended.outcome()
                    + " (" + ended.millis() + " ms).");
        } catch (RuntimeException e) {
            progress.debug("pgreset: the JVM ended, and the PostgreSQL server in " + folder.root()
                    + " could not be stopped: " + e.getMessage());
        }
    }

    private void say(String line) {
        try {
            progress.info(line);
        } catch (RuntimeException closed) {
            // Maven 4 closes its terminal in a shutdown hook of its own, which may have run first
            System.err.println("[INFO] " + line);
        }
    }
}
