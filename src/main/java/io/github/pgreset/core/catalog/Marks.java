package io.github.pgreset.core.catalog;

import io.github.pgreset.core.connection.DatabaseName;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What pgreset writes into database comments (COMMENT ON DATABASE), the one place that says how each mark reads. A
 * mark is how pgreset proves a database, or a state of one, is its own: it drops only databases it marked (or that
 * carry one of its working names, see {@code SnapshotNames}), and reopens only a database whose comment says pgreset
 * closed it.
 */
public final class Marks {
    /** How every mark begins. */
    static final String PREFIX = "pgreset:";

    private static final String SNAPSHOT = PREFIX + " snapshot of ";
    private static final String TAKEN_AT = ", taken ";
    /** In a snapshot's mark, the line that begins what it was made from. */
    private static final String SOURCES = "\n" + PREFIX + " made from sources with sha256 ";

    private static final String CLOSED = PREFIX + " closed by pgreset:";
    private static final String CLOSED_AT = " at ";
    private static final String CLOSED_END =
            "; pgreset reopens it when that goal ends or, if it was killed, when the" + " next goal on it starts";
    /** In a closing mark, the line that keeps the database's own comment. */
    private static final String BEFORE = "\n" + PREFIX + " its comment before: ";

    /** A database that a restore replaced, renamed out of the way and dropped right after. */
    public static final String ASIDE = PREFIX + " the database before a restore, dropped right after it";

    private Marks() {}

    /** Whether pgreset wrote this comment. */
    public static boolean isOwn(String comment) {
        return comment != null && comment.startsWith(PREFIX);
    }

    /**
     * A finished snapshot's mark, written by the snapshot's last step, with what it was made from ({@code null}: not
     * said) on the lines after: the sources' digest, then one line per file.
     */
    public static String snapshot(DatabaseName target, Instant takenAt, SourceFingerprint sources) {
        StringBuilder mark =
                new StringBuilder(SNAPSHOT + target.value() + TAKEN_AT + takenAt.truncatedTo(ChronoUnit.SECONDS));
        if (sources != null) {
            mark.append(SOURCES).append(sources.digest());
            sources.files()
                    .forEach((path, digest) ->
                            mark.append('\n').append(digest).append(' ').append(path));
        }
        return mark.toString();
    }

    /** What a snapshot's mark says it was made from; {@code null} when it does not say. */
    public static SourceFingerprint sources(String comment) {
        int at = comment == null || !isSnapshot(comment) ? -1 : comment.indexOf(SOURCES);
        if (at < 0) {
            return null;
        }
        String[] lines = comment.substring(at + SOURCES.length()).split("\n");
        SortedMap<String, String> files = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int space = lines[i].indexOf(' ');
            if (space > 0) {
                files.put(lines[i].substring(space + 1), lines[i].substring(0, space));
            }
        }
        return new SourceFingerprint(lines[0].strip(), files);
    }

    /** Whether the comment is a finished snapshot's mark. */
    public static boolean isSnapshot(String comment) {
        return comment != null && comment.startsWith(SNAPSHOT);
    }

    /** Which database a snapshot was taken of, from its mark; {@code null} when the comment is no snapshot's mark. */
    public static String snapshotOf(String comment) {
        if (!isSnapshot(comment)) {
            return null;
        }
        String first = comment.lines().findFirst().orElse("");
        int at = first.lastIndexOf(TAKEN_AT);
        return first.substring(SNAPSHOT.length(), at < 0 ? first.length() : at);
    }

    /** When a snapshot was taken, from its mark; {@code null} for one marked before the mark said so. */
    public static Instant takenAt(String comment) {
        String first = comment == null ? "" : comment.lines().findFirst().orElse("");
        int at = first.lastIndexOf(TAKEN_AT);
        if (at < 0) {
            return null;
        }
        try {
            return Instant.parse(first.substring(at + TAKEN_AT.length()).strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** What a prepared copy says of itself: the oid of the very snapshot it was copied from. */
    public static String copy(long snapshotOid) {
        return PREFIX + " copy of snapshot oid " + snapshotOid + ", swapped in by the next restore";
    }

    /**
     * The mark of a database pgreset closed to connections ({@code goal}: which goal), keeping the database's own
     * comment ({@code null}: none) to be put back when it is reopened.
     */
    public static String closed(String goal, Instant at, String before) {
        return CLOSED
                + goal
                + CLOSED_AT
                + at.truncatedTo(ChronoUnit.SECONDS)
                + CLOSED_END
                + (before == null ? "" : BEFORE + before);
    }

    /** Whether the comment says pgreset closed the database. */
    public static boolean isClosed(String comment) {
        return comment != null && comment.startsWith(CLOSED);
    }

    /**
     * The comment a database had before pgreset closed it: the comment itself when it is not a closing mark, {@code
     * null} when there was none.
     */
    public static String before(String comment) {
        if (!isClosed(comment)) {
            return comment;
        }
        int at = comment.indexOf(BEFORE);
        return at < 0 ? null : comment.substring(at + BEFORE.length());
    }
}
