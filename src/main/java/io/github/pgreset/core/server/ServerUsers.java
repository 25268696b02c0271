package io.github.pgreset.core.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who uses a server now: one file per user (a build, a test JVM) in the folder's {@code users}, locked by its user for
 * as long as it uses the server. The operating system releases a lock when its process ends, however it ends, so a
 * file whose lock can be taken belongs to a user that is gone, and is deleted. Every call runs under the folder's lock
 * ({@link LocalServers}), so no user is counted out while it is being added.
 */
final class ServerUsers {
    private static final String FOLDER = "users";

    /**
     * The files this JVM holds. A process's file locks are the operating system's (fcntl): closing any channel on a file
     * releases every lock the process has on it, so a file held here is never opened again to test its lock. This is
     * the JVM's own state, as the locks are.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private ServerUsers() {}

    /** One user's hold on the server: its file, locked until {@link #release}. */
    static final class Hold {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private Hold(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        Path file() {
            return file;
        }

        /** Gives the hold up: the lock released, the file deleted. */
        void release() {
            HELD_HERE.remove(file);
            try (channel) {
                lock.release();
            } catch (IOException e) {
                // closing the channel releases the lock anyway
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // an unlocked file is taken for a user that is gone, and deleted by the next count
            }
        }
    }

    /** Adds a user of the server in {@code folder}. */
    static Hold hold(ServerDirectory folder) throws IOException {
        Path users = Files.createDirectories(folder.root().resolve(FOLDER));
        Path file = users.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Hold hold = new Hold(file, channel, channel.lock());
            HELD_HERE.add(file);
            return hold;
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * How many users other than {@code mine} hold the server now; the files of users that are gone are deleted on the
     * way. A file held in this JVM (another build of a daemon, a test run beside a build) counts as held.
     */
    static int others(ServerDirectory folder, Hold mine) throws IOException {
        Path users = folder.root().resolve(FOLDER);
        if (!Files.isDirectory(users)) {
            return 0;
        }
        int held = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(users, "*.lock")) {
            for (Path file : files) {
                if (mine != null && file.equals(mine.file())) {
                    continue;
                }
                if (HELD_HERE.contains(file) || heldByAnother(file)) {
                    held++;
                } else {
                    Files.deleteIfExists(file);
                }
            }
        }
        return held;
    }

    /** Whether another process holds {@code file} (never one held here: see {@link #HELD_HERE}). */
    private static boolean heldByAnother(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true; // another process holds it
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return true;
        } catch (java.nio.file.NoSuchFileException released) {
            return false;
        }
    }
}
