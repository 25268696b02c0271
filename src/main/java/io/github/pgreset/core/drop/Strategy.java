package io.github.pgreset.core.drop;

import io.github.pgreset.core.connection.ChoiceParameter;

/** How CREATE DATABASE copies the template (PostgreSQL 15+). */
public enum Strategy {
    WAL_LOG,
    FILE_COPY;

    public static Strategy parse(String text) {
        return ChoiceParameter.parse(
                Strategy.class,
                "pgreset.strategy",
                text,
                "is not a CREATE DATABASE strategy. Use wal_log (small templates) or file_copy (large templates).");
    }
}
