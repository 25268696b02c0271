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

    /** The names for {@code target}, with the snapshot called {@code snapshotName} or {@code <target>_snapshot}. */
    public static SnapshotNames of(DatabaseName target, String snapshotName) {
        String snapshot = snapshotName == null || snapshotName.isBlank()
                ? target.value() + SNAPSHOT_SUFFIX
                : snapshotName.strip();
        return new SnapshotNames(
                target,
                name(snapshot, "snapshot"),
                name(target.value() + PREPARED_SUFFIX, "prepared copy"),
                name(target.value() + ASIDE_SUFFIX, "replaced database"),
                name(target.value() + PARTIAL_SNAPSHOT_SUFFIX, "unfinished snapshot"),
                name(target.value() + PARTIAL_COPY_SUFFIX, "unfinished copy"),
                name(target.value() + REPLACED_SNAPSHOT_SUFFIX, "replaced snapshot"));
    }

    private static DatabaseName name(String name, String what) {
        try {
            return new DatabaseName(name);
        } catch (PgResetException e) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "The " + what + "'s name \"" + name + "\" does not work: " + e.getMessage()
                            + " Use a shorter database name or pgreset.snapshotName.");
        }
    }

    /** The working names of the target: databases under them are pgreset's own, unfinished or to be dropped. */
    java.util.List<DatabaseName> working() {
        return java.util.List.of(aside, partialSnapshot, partialCopy, replacedSnapshot);
    }
}
