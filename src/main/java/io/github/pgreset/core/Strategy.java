package io.github.pgreset.core;

import java.util.Locale;

/** How CREATE DATABASE copies the template (PostgreSQL 15+). */
public enum Strategy {
    WAL_LOG,
    FILE_COPY;

    public static Strategy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "pgreset.strategy \"" + text + "\" is not a CREATE "
                            + "DATABASE strategy. Use wal_log (small templates) or file_copy (large templates).");
        }
    }
}
