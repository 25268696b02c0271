package io.github.pgreset.core.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A database name, checked before anything is sent: not empty, no NUL, at most 63 bytes in UTF-8 (PostgreSQL
 * would silently truncate a longer name and so act on another database).
 */
public record DatabaseName(String value) {
    /** NAMEDATALEN - 1 in a default PostgreSQL build. */
    public static final int MAX_BYTES = 63;

    /** Hex digits of the digest that keeps a shortened name apart from others of the same start. */
    private static final int DIGEST_CHARS = 6;

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

    /**
     * {@code wanted} as a database name even when it is longer than PostgreSQL's 63 bytes (a default taken from a long
     * artifactId): shortened as {@link #derived} shortens.
     */
    public static DatabaseName fitted(String wanted) {
        return new DatabaseName(fit(wanted, ""));
    }

    /**
     * A name pgreset derives from this one ({@code chat_snapshot}, {@code chat_pgreset_old}): this name with {@code
     * suffix}, or, where that is longer than 63 bytes, as much of this name as fits, a digest of all of it and the
     * suffix ({@code tc-guide-working-with-jooq-flyway-using-test_3fa9c1_pgreset_old}). Two names that share their
     * start get two derived names.
     */
    public DatabaseName derived(String suffix) {
        return new DatabaseName(fit(value, suffix));
    }

    private static String fit(String base, String suffix) {
        String whole = base + suffix;
        if (whole.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return whole;
        }
        String digest = "_" + digest(base);
        int room = MAX_BYTES - (digest + suffix).getBytes(StandardCharsets.UTF_8).length;
        return start(base, room) + digest + suffix;
    }

    /** The longest start of {@code text} that takes at most {@code bytes} bytes in UTF-8, whole characters only. */
    private static String start(String text, int bytes) {
        int end = 0;
        int used = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > bytes) {
                break;
            }
            used += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, DIGEST_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
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
