package io.github.pgreset.core;

/**
 * The databases a snapshot involves: the target, its snapshot ({@code <target>_snapshot} unless named), the
 * target's prepared copy of the snapshot that its next restore swaps in ({@code <target>_next}), and the name the
 * replaced database has between a restore and its drop ({@code <target>_pgreset_old}). Several targets may
 * share one snapshot (one database per test fork); each has its own prepared copy.
 */
public record SnapshotNames(DatabaseName target, DatabaseName snapshot, DatabaseName prepared, DatabaseName aside) {
    static final String SNAPSHOT_SUFFIX = "_snapshot";
    static final String PREPARED_SUFFIX = "_next";
    /** The database a restore replaced, renamed out of the way and dropped right after, off the restore's path. */
    static final String ASIDE_SUFFIX = "_pgreset_old";

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
                name(target.value() + ASIDE_SUFFIX, "replaced database"));
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
}
