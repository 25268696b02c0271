package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder of one server that pgreset made ({@code pgreset.dataDirectory}): {@code pgreset-server.properties}, the
 * data directory {@code pgdata}, the server's log {@code server.log}, and {@code pgpass} for psql. pgreset works only
 * in a folder that is missing, empty, or holds its own {@code pgreset-server.properties}.
 */
record ServerDirectory(Path root) {
    ServerDirectory {
        root = root.toAbsolutePath().normalize();
    }

    Path data() {
        return root.resolve("pgdata");
    }

    Path log() {
        return root.resolve("server.log");
    }

    Path passFile() {
        return root.resolve("pgpass");
    }

    /**
     * The lock that keeps two builds apart: in pgreset's own folder, as the folder itself may not exist yet and nothing
     * is left beside a folder the user named.
     */
    Path lock(Path home) {
        return home.resolve("locks").resolve(root.getFileName() + "-" + digest(root) + ".lock");
    }

    /** Eight hex digits of a SHA-256 of the folder's absolute path: two folders of one name get two names. */
    static String digest(Path folder) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(folder.toAbsolutePath()
                            .normalize()
                            .toString()
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** What is in the folder: nothing yet, pgreset's own (with its record), or something pgreset must not touch. */
    sealed interface Contents {}

    /** Missing or empty: pgreset may make a server here. */
    record Nothing() implements Contents {}

    /** pgreset's own; {@code major} is its data directory's PG_VERSION, empty while initdb has not written it. */
    record Ours(ServerRecord record, Optional<String> major) implements Contents {}

    Contents contents() {
        try {
            if (Folders.emptyOrMissing(root)) {
                return new Nothing();
            }
            Optional<ServerRecord> record = ServerRecord.read(root);
            if (record.isPresent()) {
                return new Ours(record.get(), pgVersion(data()));
            }
        } catch (IOException e) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER,
                    "Cannot read " + root + ": " + e.getMessage() + ". Check its permissions.",
                    e);
        }
        throw notOurs();
    }

    /** Refuses a folder that pgreset did not make, saying what it found there. */
    private PgResetException notOurs() {
        String found;
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            found = "is a file, not a folder";
        } else if (Files.exists(root.resolve("PG_VERSION"))) {
            found = "is a PostgreSQL data directory that pgreset did not make (PostgreSQL "
                    + pgVersion(root).orElse("?") + ")";
        } else {
            found = "holds files, and no " + ServerRecord.FILE;
        }
        return new PgResetException(
                Problem.LOCAL_SERVER,
                "pgreset.dataDirectory " + root + " " + found + ". pgreset makes its server only in a folder that is"
                        + " missing or empty, and never changes one it did not make; nothing was changed. Set"
                        + " pgreset.dataDirectory to a new folder, or leave it unset for pgreset's own.");
    }

    static Optional<String> pgVersion(Path data) {
        try {
            Path file = data.resolve("PG_VERSION");
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
