package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.Backoff;
import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A lock on a file that keeps two builds apart, in two processes or in one: the operating system releases it when the
 * process ends, however it ends, so a killed build never leaves it held.
 */
final class FileLock implements AutoCloseable {
    private static final Backoff WAIT = new Backoff(Duration.ofMillis(10), Duration.ofMillis(250));

    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;

    private FileLock(FileChannel channel, java.nio.channels.FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code file}, waiting for another build that holds it until {@code deadline}. */
    static FileLock take(Path file, String what, Deadline deadline) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Duration pause = WAIT.first();
            while (true) {
                try {
                    java.nio.channels.FileLock lock = channel.tryLock();
                    if (lock != null) {
                        return new FileLock(channel, lock);
                    }
                } catch (OverlappingFileLockException heldInThisJvm) {
                    // another build in this JVM (a daemon, -T) holds it: wait as for another process
                }
                if (!deadline.pause(pause)) {
                    channel.close();
                    throw new PgResetException(
                            Problem.TIMEOUT,
                            "Another build kept " + what + " busy for longer than " + deadline.describe()
                                    + "; the lock is " + file
                                    + ". Run again once it is done, or raise pgreset.timeout.");
                }
                pause = WAIT.next(pause);
            }
        } catch (IOException e) {
            throw new PgResetException(Problem.LOCAL_SERVER, "Cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (channel) {
            lock.release();
        } catch (IOException e) {
            // the channel's close releases it anyway
        }
    }
}
