package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The binaries' jars for a JVM that Maven did not start (tests run from an IDE, a plain JUnit launcher): the local Maven
 * repository first, where every build that ran {@code pgreset:start} left them, else Maven Central, downloaded into
 * the local repository as Maven would. A mirror in settings.xml is not read: where Maven Central cannot be reached,
 * {@code mvn pgreset:start} once resolves the binaries through the build's repositories.
 */
public final class RepositoryBinaries implements BinaryArtifacts {
    static final URI CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");
    private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");
    private static final Pattern LOCAL_REPOSITORY =
            Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path localRepository;
    private final URI remote;

    RepositoryBinaries(Path localRepository, URI remote) {
        this.localRepository = localRepository;
        this.remote = remote;
    }

    /**
     * This user's: the local repository that {@code -Dmaven.repo.local} names, else the one in {@code
     * ~/.m2/settings.xml}, else {@code ~/.m2/repository}; and Maven Central.
     */
    public static RepositoryBinaries ofThisUser() {
        Path home = Path.of(System.getProperty("user.home"));
        String given = System.getProperty("maven.repo.local");
        if (given != null && !given.isBlank()) {
            return new RepositoryBinaries(Path.of(given), CENTRAL);
        }
        Path settings = home.resolve(".m2").resolve("settings.xml");
        try {
            if (Files.isRegularFile(settings)) {
                Matcher configured = LOCAL_REPOSITORY.matcher(Files.readString(settings));
                if (configured.find()) {
                    return new RepositoryBinaries(
                            Path.of(configured.group(1).replace("${user.home}", home.toString())), CENTRAL);
                }
            }
        } catch (IOException unreadable) {
            // Maven's default below
        }
        return new RepositoryBinaries(home.resolve(".m2").resolve("repository"), CENTRAL);
    }

    @Override
    public List<Release> releases(String groupId, String artifactId) {
        Set<Release> releases = new LinkedHashSet<>(inLocalRepository(groupId, artifactId));
        try {
            String metadata = get(remote.resolve(folder(groupId, artifactId) + "/maven-metadata.xml"));
            Matcher version = VERSION.matcher(metadata);
            while (version.find()) {
                Release.parse(version.group(1)).ifPresent(releases::add);
            }
        } catch (IOException unreachable) {
            // offline: what the local repository holds
        }
        return new ArrayList<>(releases);
    }

    @Override
    public Path jar(String groupId, String artifactId, Release release) {
        Path jar = localRepository
                .resolve(folder(groupId, artifactId))
                .resolve(release.text())
                .resolve(file(artifactId, release));
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        URI from = remote.resolve(folder(groupId, artifactId) + "/" + release + "/" + file(artifactId, release));
        try {
            Files.createDirectories(jar.getParent());
            Path partial =
                    Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".part");
            try (InputStream in = stream(from)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return jar;
        } catch (IOException e) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "Cannot download the PostgreSQL binaries " + from + " into " + localRepository + ": "
                            + e.getMessage() + ". Run mvn pgreset:start once in the project: it resolves them through"
                            + " the build's repositories (mirrors and proxies of settings.xml too).",
                    e);
        }
    }

    private List<Release> inLocalRepository(String groupId, String artifactId) {
        Path folder = localRepository.resolve(folder(groupId, artifactId));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(folder)) {
            return versions.filter(
                            v -> Release.parse(v.getFileName().toString()).isPresent())
                    .filter(v -> Files.isRegularFile(v.resolve(
                            file(artifactId, new Release(v.getFileName().toString())))))
                    .map(v -> new Release(v.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String folder(String groupId, String artifactId) {
        return groupId.replace('.', '/') + "/" + artifactId;
    }

    private static String file(String artifactId, Release release) {
        return artifactId + "-" + release + ".jar";
    }

    private static String get(URI uri) throws IOException {
        try (InputStream in = stream(uri)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream stream(URI uri) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try {
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode() + " for " + uri);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + uri, e);
        }
    }
}
