package io.github.pgreset.core;

/**
 * What {@code snapshot} and {@code restore} are told beyond the target.
 *
 * @param snapshotName the snapshot's name, {@code null}: {@code <database>_snapshot}
 * @param fileCopyMethod how copies are made on PostgreSQL 18+
 */
public record SnapshotOptions(String snapshotName, FileCopyMethod fileCopyMethod) {
    public SnapshotOptions {
        if (fileCopyMethod == null) {
            fileCopyMethod = FileCopyMethod.AUTO;
        }
    }

    /** The default snapshot, made as {@link FileCopyMethod#AUTO} says. */
    public static final SnapshotOptions DEFAULTS = named(null);

    /** The default options for a snapshot of that name. */
    public static SnapshotOptions named(String snapshotName) {
        return new SnapshotOptions(snapshotName, FileCopyMethod.AUTO);
    }

    SnapshotNames names(DatabaseName target) {
        return SnapshotNames.of(target, snapshotName);
    }
}
