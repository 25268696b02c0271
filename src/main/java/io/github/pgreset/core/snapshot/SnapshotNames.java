package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;

/**
 * The databases a snapshot involves: the target, its snapshot ({@code <target>_snapshot} unless named), the
 * target's prepared copy of the snapshot that its next restore swaps in ({@code <target>_next}), and pgreset's working
 * names, each {@code <target>_pgreset_...}: the replaced database between a restore and its drop ({@code aside}), a
 * snapshot being copied ({@code partialSnapshot}), a copy of the snapshot being made ({@code partialCopy}) and the
 * snapshot a new one replaced ({@code replacedSnapshot}). A copy gets its real name, and its mark, in the transaction
 * that finishes it, so a database under a working name is one that pgreset did not finish, and the next goal on the
 * target drops it. Several targets may share one snapshot (one database per test fork); each has its own prepared
 * copy and working names.
 */
public record SnapshotNames(
        DatabaseName target,
        DatabaseName snapshot,
        DatabaseName prepared,
        DatabaseName aside,
        DatabaseName partialSnapshot,
        DatabaseName partialCopy,
        DatabaseName replacedSnapshot) {
    static final String SNAPSHOT_SUFFIX = "_snapshot";
    static final String PREPARED_SUFFIX = "_next";
    /** The database a restore replaced, renamed out of the way and dropped right after, off the restore's path. */
    static final String ASIDE_SUFFIX = "_pgreset_old";

    static final String PARTIAL_SNAPSHOT_SUFFIX = "_pgreset_snap";
    static final String PARTIAL_COPY_SUFFIX = "_pgreset_next";
    static final String REPLACED_SNAPSHOT_SUFFIX = "_pgreset_prev";

    public SnapshotNames {
        if (snapshot.equals(target) || prepared.equals(snapshot)) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "pgreset.snapshotName \"" + snapshot + "\" is the database itself; name the snapshot differently, "
                            + "or leave pgreset.snapshotName unset for \"" + target + SNAPSHOT_SUFFIX + "\".");
        }
    }

    /**
     * The names for {@code target}, with the snapshot called {@code snapshotName} or {@code <target>_snapshot}. A
     * derived name longer than PostgreSQL's 63 bytes is shortened with a digest ({@link DatabaseName#derived}).
     */
    public static SnapshotNames of(DatabaseName target, String snapshotName) {
        DatabaseName snapshot = snapshotName == null || snapshotName.isBlank()
                ? target.derived(SNAPSHOT_SUFFIX)
                : name(snapshotName.strip(), "snapshot");
        return new SnapshotNames(
                target,
                snapshot,
                target.derived(PREPARED_SUFFIX),
                target.derived(ASIDE_SUFFIX),
                target.derived(PARTIAL_SNAPSHOT_SUFFIX),
                target.derived(PARTIAL_COPY_SUFFIX),
                target.derived(REPLACED_SNAPSHOT_SUFFIX));
    }

    private static DatabaseName name(String name, String what) {
        try {
            return new DatabaseName(name);
        } catch (PgResetException e) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "The " + what + "'s name \"" + name + "\" does not work: " + e.getMessage()
                            + " Use a shorter pgreset.snapshotName.");
        }
    }

    /**
     * The names that were shortened to PostgreSQL's 63 bytes, for the log: {@code "..._3fa9c1_pgreset_old" for
     * "..._pgreset_old"}; empty when every name is the target's name and its suffix.
     */
    public java.util.List<String> shortened() {
        java.util.List<String> said = new java.util.ArrayList<>();
        java.util.Map<DatabaseName, String> suffixes = new java.util.LinkedHashMap<>();
        suffixes.put(snapshot, SNAPSHOT_SUFFIX);
        suffixes.put(prepared, PREPARED_SUFFIX);
        suffixes.put(aside, ASIDE_SUFFIX);
        suffixes.put(partialSnapshot, PARTIAL_SNAPSHOT_SUFFIX);
        suffixes.put(partialCopy, PARTIAL_COPY_SUFFIX);
        suffixes.put(replacedSnapshot, REPLACED_SNAPSHOT_SUFFIX);
        suffixes.forEach((name, suffix) -> {
            String whole = target.value() + suffix;
            // a snapshot named by pgreset.snapshotName is not derived
            if (name.equals(target.derived(suffix)) && !name.value().equals(whole)) {
                said.add("\"" + name + "\" for \"" + whole + "\"");
            }
        });
        return said;
    }

    /** The working names of the target: databases under them are pgreset's own, unfinished or to be dropped. */
    java.util.List<DatabaseName> working() {
        return java.util.List.of(aside, partialSnapshot, partialCopy, replacedSnapshot);
    }
}
