package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A new server's data directory: its binaries checked to run here, as the account; {@code initdb} with a superuser
 * and a random password; the server confined to 127.0.0.1 with no Unix socket.
 */
final class DataDirectoryInit {
    static final String SUPERUSER = "postgres";

    private DataDirectoryInit() {}

    /** Makes the data directory: the record first (so a kill is recognised), then initdb, then the record ready. */
    static ServerRecord make(
            ServerDirectory folder,
            Release release,
            PgPrograms programs,
            OsAccount account,
            Path home,
            ProgressListener progress,
            Deadline deadline)
            throws IOException {
        long began = System.nanoTime();
        PgPrograms.Run version = programs.version(deadline);
        if (!version.succeeded()) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER,
                    "The PostgreSQL " + release + " binaries do not run on this machine"
                            + (account.switches() ? " as \"" + account.name() + "\"" : "") + ": " + version.output()
                            + (account.switches()
                                    ? ". The account must be able to reach " + home + " and " + folder.root()
                                            + "; set pgreset.dataDirectory to a folder it can reach."
                                    : "."));
        }
        if (account.switches() && !programs.canReach(existingAncestor(folder.root()), deadline)) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER,
                    "The server would run as \"" + account.name() + "\", which cannot reach " + folder.root()
                            + " (a folder above it is closed to other users, as root's home is); nothing was made."
                            + " Set pgreset.dataDirectory to a folder it can reach, or leave it unset for "
                            + home.resolve("servers") + ".");
        }
        Files.createDirectories(folder.root());
        OwnerOnly.restrict(folder.root());
        account.own(folder.root());
        ServerRecord record =
                new ServerRecord(release, 0, true, SUPERUSER, password(), account.name(), false, Set.of(), false);
        record.write(folder.root());
        Folders.delete(folder.data()); // left by a start killed during initdb: the record says it is pgreset's
        Path passwordFile = folder.root().resolve("initdb-password");
        try {
            Files.writeString(passwordFile, record.password() + "\n");
            OwnerOnly.restrict(passwordFile);
            account.own(passwordFile);
            PgPrograms.Run initdb = programs.initdb(folder.data(), SUPERUSER, passwordFile, release, deadline);
            if (!initdb.succeeded()) {
                throw new PgResetException(
                        Problem.LOCAL_SERVER, "initdb failed in " + folder.data() + ":\n" + initdb.output());
            }
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        // on 127.0.0.1 only, over TCP only: no socket file that another server on this machine might use
        Files.writeString(
                folder.data().resolve("postgresql.conf"),
                "\n# pgreset:start\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n",
                java.nio.file.StandardOpenOption.APPEND);
        ServerRecord ready = record.readied();
        ready.write(folder.root());
        progress.info("Made the data directory " + folder.data() + " (PostgreSQL " + release + ", superuser "
                + SUPERUSER + (account.switches() ? ", run as \"" + account.name() + "\"" : "") + ") in "
                + (System.nanoTime() - began) / 1_000_000 + " ms.");
        return ready;
    }

    private static Path existingAncestor(Path folder) {
        Path existing = folder;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? folder.getRoot() : existing;
    }

    private static String password() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
