package io.github.pgreset.core;

/**
 * The databases a snapshot involves: the target, its snapshot ({@code <target>_snapshot} unless named) and the
 * target's prepared copy of the snapshot that its next restore swaps in ({@code <target>_next}). Several targets may
 * share one snapshot (one database per test fork); each has its own prepared copy.
 */
public record SnapshotNames(DatabaseName target, DatabaseName snapshot, DatabaseName prepared) {
    static final String SNAPSHOT_SUFFIX = "_snapshot";
    static final String PREPARED_SUFFIX = "_next";

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
                target, name(snapshot, "snapshot"), name(target.value() + PREPARED_SUFFIX, "prepared copy"));
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
