package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.connection.ChoiceParameter;

/**
 * How pgreset asks PostgreSQL 18+ to copy a database's files for its snapshots and copies ({@code file_copy_method}
 * with {@code CREATE DATABASE ... STRATEGY FILE_COPY}).
 */
public enum FileCopyMethod {
    /**
     * Clone where the server's data directory is on this machine, on a file system that clones ({@link StorageProbe});
     * otherwise as before pgreset knew about cloning.
     */
    AUTO,
    /** Always clone (PostgreSQL 18+): for a server whose file system clones but that pgreset cannot see. */
    CLONE,
    /** Never clone: copy the files, or write them to the WAL, by size. */
    COPY;

    public static FileCopyMethod parse(String text) {
        return ChoiceParameter.parse(
                FileCopyMethod.class,
                "pgreset.fileCopyMethod",
                text,
                "is not one of auto (clone where the file system clones), clone or copy.");
    }
}
