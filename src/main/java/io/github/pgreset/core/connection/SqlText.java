package io.github.pgreset.core.connection;

/**
 * The one place where text becomes SQL: identifiers are always double-quoted, literals always single-quoted.
 * Nothing a name contains can end the quoting, so nothing a name contains runs as SQL.
 */
public final class SqlText {
    private SqlText() {}

    /** {@code chat} becomes {@code "chat"}, {@code a"b} becomes {@code "a""b"}. */
    public static String identifier(String name) {
        rejectNul(name);
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * A string constant for a server with {@code standard_conforming_strings = on} (the default since 9.1):
     * {@code it's} becomes {@code 'it''s'}. A backslash is written as the E'' form so the text is read the same
     * whatever that setting is.
     */
    public static String literal(String value) {
        rejectNul(value);
        String doubled = value.replace("'", "''");
        return value.indexOf('\\') >= 0 ? "E'" + doubled.replace("\\", "\\\\") + "'" : "'" + doubled + "'";
    }

    private static void rejectNul(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("PostgreSQL names and strings cannot contain a NUL character");
        }
    }
}
