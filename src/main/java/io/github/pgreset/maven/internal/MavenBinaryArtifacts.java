package io.github.pgreset.maven.internal;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.server.BinaryArtifacts;
import io.github.pgreset.core.server.Release;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.version.Version;

/**
 * The binaries' jars through the build's own repositories, as Maven resolves a dependency: mirrors, credentials and
 * proxies from settings.xml, the local repository first, offline mode.
 */
public final class MavenBinaryArtifacts implements BinaryArtifacts {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    public MavenBinaryArtifacts(
            RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    @Override
    public List<Release> releases(String groupId, String artifactId) {
        Set<Release> releases = new LinkedHashSet<>();
        try {
            List<Version> versions = system.resolveVersionRange(
                            session,
                            new VersionRangeRequest(
                                    new DefaultArtifact(groupId, artifactId, "jar", "[0,)"), repositories, null))
                    .getVersions();
            versions.forEach(v -> Release.parse(v.toString()).ifPresent(releases::add));
        } catch (VersionRangeResolutionException e) {
            // offline, or no repository answers: the local repository's own folders below
        }
        releases.addAll(inLocalRepository(groupId, artifactId));
        return new ArrayList<>(releases);
    }

    @Override
    public Path jar(String groupId, String artifactId, Release release) {
        String coordinates = groupId + ":" + artifactId + ":" + release;
        try {
            File file = system.resolveArtifact(
                            session,
                            new ArtifactRequest(
                                    new DefaultArtifact(groupId, artifactId, "jar", release.text()),
                                    repositories,
                                    null))
                    .getArtifact()
                    .getFile();
            return file.toPath();
        } catch (ArtifactResolutionException e) {
            String why = session.isOffline()
                    ? "Maven is offline (-o) and the local repository does not hold it: build once online, or give"
                            + " pgreset.postgresVersion a release the local repository holds"
                    : "no repository of this build has it (" + e.getMessage() + "). Check pgreset.postgresVersion,"
                            + " or the mirror in settings.xml";
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "Cannot resolve the PostgreSQL binaries " + coordinates + ": " + why + ".",
                    e);
        }
    }

    /** The releases whose jar is in the local repository already: what an offline build can use. */
    private List<Release> inLocalRepository(String groupId, String artifactId) {
        Path folder = session.getLocalRepository()
                .getBasedir()
                .toPath()
                .resolve(groupId.replace('.', '/'))
                .resolve(artifactId);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(folder)) {
            return versions.filter(v -> Files.exists(v.resolve(artifactId + "-" + v.getFileName() + ".jar")))
                    .flatMap(v -> Release.parse(v.getFileName().toString()).stream())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
