package io.github.pgreset.core.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The server's lock file, {@code postmaster.pid} in the data directory: the postmaster's process id on its first line,
 * the port on its fourth, and from PostgreSQL 10 its state ({@code starting}, {@code ready}, {@code stopping}) on its
 * eighth.
 *
 * @param pid the postmaster's process id
 * @param port the port it listens on
 * @param status {@code ready}, {@code starting}, {@code stopping}, or empty (PostgreSQL 9.6, or not yet written)
 */
record PostmasterPid(long pid, int port, String status) {
    static final String FILE = "postmaster.pid";

    static Optional<PostmasterPid> read(Path data) throws IOException {
        try {
            return parse(Files.readAllLines(data.resolve(FILE)));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    /** The lines of the file; empty when it is being written and has not got its first lines yet. */
    static Optional<PostmasterPid> parse(List<String> lines) {
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            int port = lines.size() > 3 ? Integer.parseInt(lines.get(3).strip()) : 0;
            String status = lines.size() > 7 ? lines.get(7).strip() : "";
            return Optional.of(new PostmasterPid(pid, port, status));
        } catch (IndexOutOfBoundsException | NumberFormatException partial) {
            return Optional.empty();
        }
    }

    /**
     * Whether the process it names is alive and is a PostgreSQL server. After a crash or a kill the file stays, and
     * its process id may since have been given to another program: that is not the server.
     */
    boolean alive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().map(PostmasterPid::isPostgres).orElse(false))
                .orElse(false);
    }

    static boolean isPostgres(String command) {
        String name = Path.of(command).getFileName().toString();
        return name.equals("postgres") || name.equals("postgres.exe") || name.equals("postmaster");
    }
}
