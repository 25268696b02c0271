package io.github.pgreset.core.connection;

import java.nio.charset.StandardCharsets;

/**
 * A database name, checked before anything is sent: not empty, no NUL, at most 63 bytes in UTF-8 (PostgreSQL
 * would silently truncate a longer name and so act on another database).
 */
public record DatabaseName(String value) {
    /** NAMEDATALEN - 1 in a default PostgreSQL build. */
    public static final int MAX_BYTES = 63;

    public DatabaseName {
        if (value == null || value.isEmpty()) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "The database name is empty. Set pgreset.database or "
                            + "put the database in pgreset.url, e.g. jdbc:postgresql://localhost:5432/chat.");
        }
        if (value.indexOf('\0') >= 0) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "The database name contains a NUL character, which " + "PostgreSQL does not allow.");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "The database name \"" + value + "\" is " + bytes
                            + " bytes long; PostgreSQL allows at most " + MAX_BYTES + " bytes and would truncate it to "
                            + "another name. Choose a shorter name.");
        }
    }

    /** The name as a quoted SQL identifier. */
    public String sql() {
        return SqlText.identifier(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
