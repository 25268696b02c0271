package io.github.pgreset.core.server;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the binaries' jars come from: the build's own repositories (mirrors, settings.xml, offline mode), which the
 * Maven side knows and the core does not.
 */
public interface BinaryArtifacts {
    /** The releases of {@code groupId:artifactId} that the repositories list; empty when none can be read. */
    List<Release> releases(String groupId, String artifactId);

    /**
     * The jar of one release, downloaded when it is not in the local repository yet.
     *
     * @throws io.github.pgreset.core.connection.PgResetException when it cannot be had, saying why
     */
    Path jar(String groupId, String artifactId, Release release);
}
