package io.github.pgreset.maven.internal;

import io.github.pgreset.core.catalog.SourceFingerprint;
import io.github.pgreset.core.snapshot.FileCopyMethod;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** The snapshot parameters that {@code snapshot} and {@code restore} share, read into the core's options. */
public final class SnapshotParameters {
    private SnapshotParameters() {}

    /**
     * @param sources {@code snapshotSources}, {@code null} or empty when not set (Maven resolves relative ones against
     *     the project's folder)
     * @param buildRoot the build's root: the sources are recorded by their paths under it, the same from every module,
     *     so that a module that restores another module's snapshot of the same sources finds it fresh
     * @param onStaleSnapshot {@code null} for snapshot, which has no such parameter
     */
    public static SnapshotOptions options(
            String snapshotName, String fileCopyMethod, List<File> sources, Path buildRoot, String onStaleSnapshot) {
        return new SnapshotOptions(
                snapshotName,
                FileCopyMethod.parse(fileCopyMethod),
                sources == null || sources.isEmpty()
                        ? null
                        : SourceFingerprint.of(
                                buildRoot, sources.stream().map(File::toPath).toList()),
                onStaleSnapshot == null ? null : SnapshotOptions.OnStale.parse(onStaleSnapshot));
    }
}
