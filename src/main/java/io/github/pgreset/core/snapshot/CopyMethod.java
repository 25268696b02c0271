package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.connection.Sentences;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.ServerVersion.Feature;
import io.github.pgreset.core.drop.Strategy;
import java.util.List;
import java.util.function.Supplier;

/**
 * How pgreset copies a database for a snapshot or a copy of one: CREATE DATABASE's STRATEGY (15+) and, for FILE_COPY on
 * 18+, the session's {@code file_copy_method}.
 *
 * <p>Measured on PostgreSQL 18.1, 2 cores, fsync on (docs/benchmarks.md): a 503 MB database took 875-1461 ms with
 * FILE_COPY and {@code copy}, 1115-2057 ms with WAL_LOG, and 47-55 ms with FILE_COPY and {@code clone} on XFS with
 * reflink; a 16 MB one 80-104 ms, 40-59 ms and 47 ms. So a clone is always FILE_COPY, whatever the size; without one,
 * WAL_LOG below {@link #FILE_COPY_FROM_BYTES} (the server's default, and no forced checkpoints on a busy server) and
 * FILE_COPY from there.
 *
 * @param strategy {@code null}: the server's default (before 15, the only way)
 * @param fileCopyMethod what the session sets first ({@code clone}, {@code copy}); {@code null}: nothing, the server's
 *     setting applies
 * @param reason why, for the log and the report
 */
public record CopyMethod(Strategy strategy, String fileCopyMethod, String reason) {
    /** From this size on FILE_COPY copies faster than WAL_LOG (11 MB: 0.15 s / 0.17 s; 149 MB: 0.74 s / 0.45 s). */
    static final long FILE_COPY_FROM_BYTES = 64L << 20;

    static final String CLONE = "clone";
    static final String COPY = "copy";

    /**
     * Decides how to copy a database of {@code bytes}; {@code storage} (asked only for {@link FileCopyMethod#AUTO} on
     * 18+) says whether the file system under it clones.
     */
    static CopyMethod choose(
            FileCopyMethod setting, ServerVersion version, long bytes, Supplier<StorageProbe.Storage> storage) {
        if (!version.supports(Feature.CREATE_STRATEGY)) {
            return new CopyMethod(null, null, "PostgreSQL " + version + " has one way to copy");
        }
        Strategy bySize = bytes >= FILE_COPY_FROM_BYTES ? Strategy.FILE_COPY : Strategy.WAL_LOG;
        String size = Sentences.megabytes(bytes) + ", "
                + (bySize == Strategy.FILE_COPY ? "FILE_COPY from 64 MB" : "WAL_LOG below 64 MB");
        if (!version.supports(Feature.FILE_COPY_METHOD)) {
            return new CopyMethod(
                    bySize,
                    null,
                    setting == FileCopyMethod.CLONE
                            ? size + "; PostgreSQL " + version + " cannot clone (file_copy_method is 18+)"
                            : size);
        }
        return switch (setting) {
            case CLONE -> new CopyMethod(Strategy.FILE_COPY, CLONE, "pgreset.fileCopyMethod=clone");
            case COPY ->
                new CopyMethod(
                        bySize, bySize == Strategy.FILE_COPY ? COPY : null, size + "; pgreset.fileCopyMethod=copy");
            case AUTO -> {
                StorageProbe.Storage found = storage.get();
                yield found.clones()
                        ? new CopyMethod(Strategy.FILE_COPY, CLONE, found.reason())
                        : new CopyMethod(bySize, null, size + "; " + found.reason());
            }
        };
    }

    public boolean clones() {
        return CLONE.equals(fileCopyMethod);
    }

    /** The statements before the copy: setting {@code file_copy_method} for the session, or nothing. */
    List<String> settings() {
        return fileCopyMethod == null ? List.of() : List.of("SET file_copy_method = " + fileCopyMethod);
    }

    /**
     * How and why, for a log line: "cloned by the file system with STRATEGY FILE_COPY and file_copy_method clone, as
     * /data is on xfs with reflink", "copied with STRATEGY WAL_LOG, as 16 MB, WAL_LOG below 64 MB".
     */
    public String describe() {
        if (clones()) {
            return "cloned by the file system with STRATEGY FILE_COPY and file_copy_method clone, as " + reason;
        }
        if (strategy == null) {
            return "copied";
        }
        return "copied with STRATEGY " + strategy
                + (fileCopyMethod == null ? "" : " and file_copy_method " + fileCopyMethod) + ", as " + reason;
    }
}
