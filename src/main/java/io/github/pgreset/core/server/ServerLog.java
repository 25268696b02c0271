package io.github.pgreset.core.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What the server wrote to its log while pg_ctl started it: why a start failed, in the server's words. */
final class ServerLog {
    private static final int TAIL = 8192;

    private ServerLog() {}

    /** The log from {@code offset} on (its last 8 KiB at most). */
    static String since(Path log, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(offset, file.length() - TAIL);
            byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A server killed with SIGKILL leaves its backends running for a moment, holding its shared memory, and its lock
     * file: the next start is refused until they are gone.
     */
    static boolean leftoversOfAKilledServer(String log) {
        return log.contains("pre-existing shared memory block") || log.contains("lock file \"postmaster.pid\" already");
    }

    static boolean portTaken(String log) {
        return log.contains("could not bind") || log.contains("Address already in use");
    }

    /** A sentence for the error: the port, or the server's own FATAL lines. */
    static String explain(String log, String pgCtlOutput) {
        if (portTaken(log)) {
            return "Its port is in use by another program: set pgreset.port to a free port, or to 0 to let pgreset"
                    + " choose one.";
        }
        String fatal = Arrays.stream(log.split("\n"))
                .filter(line -> line.contains("FATAL") || line.contains("PANIC") || line.contains("ERROR"))
                .collect(Collectors.joining("\n"));
        return "It said:\n" + (fatal.isEmpty() ? pgCtlOutput : fatal) + "\n";
    }
}
