package io.github.pgreset.core.connection;

/** Joins messages into sentences: a text that already ends a sentence gets no second full stop. */
public final class Sentences {
    private Sentences() {}

    /** {@code text} ending with exactly one full stop (or its own ? or !). */
    public static String end(String text) {
        String stripped = text.strip();
        if (stripped.endsWith(".") || stripped.endsWith("?") || stripped.endsWith("!")) {
            return stripped;
        }
        return stripped + ".";
    }

    /** "1 session", "2 sessions". */
    public static String count(int n, String singular) {
        return n + " " + (n == 1 ? singular : singular + "s");
    }

    /** "503 MB" (mebibytes, rounded), "0 MB". */
    public static String megabytes(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0)) + " MB";
    }
}
