package io.github.pgreset.core.snapshot;

import io.github.pgreset.core.catalog.SourceFingerprint;
import io.github.pgreset.core.connection.ChoiceParameter;
import io.github.pgreset.core.connection.DatabaseName;

/**
 * What {@code snapshot} and {@code restore} are told beyond the target.
 *
 * @param snapshotName the snapshot's name, {@code null}: {@code <database>_snapshot}
 * @param fileCopyMethod how copies are made on PostgreSQL 18+
 * @param sources what the snapshot is made from (the migrations), {@code null}: not said, and a snapshot is never
 *     stale
 * @param onStale what restore does when the snapshot is missing or its sources changed
 */
public record SnapshotOptions(
        String snapshotName, FileCopyMethod fileCopyMethod, SourceFingerprint sources, OnStale onStale) {

    /** What restore does with a snapshot that is missing or was made from other sources. */
    public enum OnStale {
        /** Recreate the database empty, as recreate does, for the migrations to rebuild and snapshot to save. */
        RECREATE,
        /** Fail the build, saying why. */
        FAIL;

        public static OnStale parse(String text) {
            return ChoiceParameter.parse(
                    OnStale.class,
                    "pgreset.onStaleSnapshot",
                    text,
                    "is not recreate (recreate the database empty for the migrations) or fail.");
        }
    }

    /** The default snapshot: no sources, copies as {@link FileCopyMethod#AUTO} says. */
    public static final SnapshotOptions DEFAULTS = named(null);

    public SnapshotOptions {
        if (fileCopyMethod == null) {
            fileCopyMethod = FileCopyMethod.AUTO;
        }
        if (onStale == null) {
            onStale = OnStale.RECREATE;
        }
    }

    /** The default options for a snapshot of that name. */
    public static SnapshotOptions named(String snapshotName) {
        return new SnapshotOptions(snapshotName, FileCopyMethod.AUTO, null, OnStale.RECREATE);
    }

    public SnapshotNames names(DatabaseName target) {
        return SnapshotNames.of(target, snapshotName);
    }
}
