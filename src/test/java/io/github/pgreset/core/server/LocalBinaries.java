package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The binaries' jars the build copied to {@code target/pg-binaries} ({@code pgreset.test.binaries}), as the build's
 * repositories would hand them to {@code pgreset:start}: the tests start servers with the plugin's own code.
 */
public final class LocalBinaries implements BinaryArtifacts {
    private final Path folder;

    public LocalBinaries(Path folder) {
        this.folder = folder;
    }

    /** The folder the build copies the jars to, from {@code pgreset.test.binaries}. */
    public static LocalBinaries ofTheBuild() {
        return new LocalBinaries(Path.of(System.getProperty("pgreset.test.binaries", "target/pg-binaries")));
    }

    @Override
    public List<Release> releases(String groupId, String artifactId) {
        List<Release> releases = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return releases;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, artifactId + "-*.jar")) {
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                Release.parse(name.substring(artifactId.length() + 1, name.length() - ".jar".length()))
                        .ifPresent(releases::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + folder, e);
        }
        return releases;
    }

    @Override
    public Path jar(String groupId, String artifactId, Release release) {
        Path jar = folder.resolve(artifactId + "-" + release + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "No " + jar + ": ./mvnw verify copies the binaries to " + folder + " in pre-integration-test"
                            + " (the pg-binaries execution in pom.xml).");
        }
        return jar;
    }
}
