package io.github.pgreset.core.catalog;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.Sentences;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a snapshot was made from: every regular file under the given files and folders (the migrations), by its path
 * relative to the project and the SHA-256 of its bytes. Names, timestamps and empty folders do not count; a file
 * added, removed, renamed or changed in one byte does. Two fingerprints are the same when {@link #digest} is.
 *
 * @param digest SHA-256 over every file's path and digest, in path order
 * @param files each file's path (with {@code /}) and the start of its SHA-256, for saying which one changed
 */
public record SourceFingerprint(String digest, SortedMap<String, String> files) {
    /** Enough of a file's digest to tell it changed (64 bits). */
    private static final int FILE_DIGEST_CHARS = 16;

    public SourceFingerprint {
        Objects.requireNonNull(digest);
        files = new TreeMap<>(files);
    }

    /**
     * The fingerprint of {@code sources}, each a file or a folder (walked to every regular file under it); paths are
     * relative to {@code base} where they are under it.
     */
    public static SourceFingerprint of(Path base, List<Path> sources) {
        if (sources.isEmpty()) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "pgreset.snapshotSources is empty: name the migrations' folder, or leave it unset.");
        }
        SortedMap<String, String> full = new TreeMap<>();
        for (Path source : sources) {
            Path absolute = base.resolve(source).normalize();
            if (!Files.exists(absolute)) {
                throw new PgResetException(
                        Problem.CONFIGURATION,
                        "pgreset.snapshotSources names " + absolute + ", which does not exist. Fix the path (relative "
                                + "paths are the project's), e.g. src/main/resources/db/migration.");
            }
            // a migrations folder linked in from elsewhere counts as its files
            try (Stream<Path> files = Files.walk(absolute, FileVisitOption.FOLLOW_LINKS)) {
                for (Path file :
                        (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    full.put(name(base, file), sha256(file));
                }
            } catch (IOException | UncheckedIOException e) {
                throw new PgResetException(
                        Problem.CONFIGURATION,
                        "Cannot read pgreset.snapshotSources " + absolute + ": " + e.getMessage(),
                        e);
            }
        }
        StringBuilder all = new StringBuilder();
        SortedMap<String, String> files = new TreeMap<>();
        full.forEach((path, digest) -> {
            all.append(path).append('\0').append(digest).append('\n');
            files.put(path, digest.substring(0, FILE_DIGEST_CHARS));
        });
        return new SourceFingerprint(sha256(all.toString().getBytes(StandardCharsets.UTF_8)), files);
    }

    /**
     * What changed from {@code earlier} to this, for a sentence: {@code V2__tags.sql added}, at most {@code limit}
     * of them and how many more.
     */
    public List<String> changesSince(SourceFingerprint earlier, int limit) {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String before = earlier.files().get(file.getKey());
            if (before == null) {
                changes.add(file.getKey() + " added");
            } else if (!before.equals(file.getValue())) {
                changes.add(file.getKey() + " changed");
            }
        }
        for (String path : earlier.files().keySet()) {
            if (!files.containsKey(path)) {
                changes.add(path + " removed");
            }
        }
        if (changes.size() > limit) {
            int more = changes.size() - limit;
            changes = new ArrayList<>(changes.subList(0, limit));
            changes.add(Sentences.count(more, "more change"));
        }
        return changes;
    }

    private static String name(Path base, Path file) {
        Path shown = file.startsWith(base) ? base.relativize(file) : file;
        return shown.toString().replace('\\', '/');
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** A file's digest, read in blocks: a seed file may be large. */
    private static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
