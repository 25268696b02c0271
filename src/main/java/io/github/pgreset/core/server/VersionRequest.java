package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which PostgreSQL the user asked for ({@code pgreset.postgresVersion}): nothing (the newest release), a major version
 * ({@code 17}, or {@code 9.6}) or an exact release ({@code 17.7.0}).
 *
 * @param text the value as given; {@code null} for the newest
 */
public record VersionRequest(String text) {
    private static final Pattern MAJOR = Pattern.compile("\\d{2,}|9\\.\\d");

    public static VersionRequest parse(String text) {
        String value = text == null || text.isBlank() ? null : text.strip();
        if (value != null
                && !MAJOR.matcher(value).matches()
                && Release.parse(value).isEmpty()) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "pgreset.postgresVersion is \"" + value + "\", which is neither a major version (17) nor a "
                            + "release of the binaries (17.7.0).");
        }
        return new VersionRequest(value);
    }

    public boolean newest() {
        return text == null;
    }

    /** An exact release, not a major version or the newest. */
    public Optional<Release> exact() {
        return text == null || MAJOR.matcher(text).matches() ? Optional.empty() : Release.parse(text);
    }

    /** Whether a server of this major version ({@code 17}, {@code 9.6}) is what was asked for. */
    public boolean accepts(String major) {
        return text == null
                || (MAJOR.matcher(text).matches()
                        ? text.equals(major)
                        : exact().orElseThrow().major().equals(major));
    }

    /**
     * The release to take from those the repositories offer: the exact one asked for, else the newest of the major
     * version, else the newest of all.
     */
    public Release choose(Collection<Release> available, String artifact) {
        Optional<Release> exact = exact();
        if (exact.isPresent()) {
            return exact.get();
        }
        return available.stream()
                .filter(release -> accepts(release.major()))
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> unknown(available, artifact));
    }

    /** No release asked for is offered: the error names the newest release of each major version that is. */
    public PgResetException unknown(Collection<Release> available, String artifact) {
        String what = text == null ? "Any release" : "PostgreSQL " + text;
        if (available.isEmpty()) {
            return new PgResetException(
                    Problem.CONFIGURATION,
                    what + " of " + artifact + " is not in the local Maven repository, and the repositories list no"
                            + " release of it (offline, or no repository that has them). Build once online, or"
                            + " give an exact release that the local repository holds with -Dpgreset.postgresVersion.");
        }
        Map<String, Release> newestOfEach = new TreeMap<>(Comparator.comparing(major -> new Release(major + ".0")));
        for (Release release : available) {
            newestOfEach.merge(release.major(), release, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return new PgResetException(
                Problem.CONFIGURATION,
                what + " is not among the releases of " + artifact + ". The newest of each major version: "
                        + newestOfEach.values().stream().map(Release::text).collect(Collectors.joining(", "))
                        + ". Set pgreset.postgresVersion to a major version ("
                        + newestOfEach.keySet().stream().reduce((a, b) -> b).orElseThrow()
                        + ") or to one of these releases.");
    }
}
