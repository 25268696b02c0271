package io.github.pgreset.maven.internal;

import io.github.pgreset.core.catalog.SourceFingerprint;
import io.github.pgreset.core.snapshot.FileCopyMethod;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import java.io.File;
import java.util.List;

/** The snapshot parameters that {@code snapshot} and {@code restore} share, read into the core's options. */
public final class SnapshotParameters {
    private SnapshotParameters() {}

    /**
     * @param sources {@code snapshotSources}, {@code null} or empty when not set
     * @param basedir the project's folder, which relative sources are in
     * @param onStaleSnapshot {@code null} for snapshot, which has no such parameter
     */
    public static SnapshotOptions options(
            String snapshotName, String fileCopyMethod, List<File> sources, File basedir, String onStaleSnapshot) {
        return new SnapshotOptions(
                snapshotName,
                FileCopyMethod.parse(fileCopyMethod),
                sources == null || sources.isEmpty()
                        ? null
                        : SourceFingerprint.of(
                                basedir.toPath(),
                                sources.stream().map(File::toPath).toList()),
                onStaleSnapshot == null ? null : SnapshotOptions.OnStale.parse(onStaleSnapshot));
    }
}
