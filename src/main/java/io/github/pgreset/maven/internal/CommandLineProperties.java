package io.github.pgreset.maven.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The {@code -D} properties of a run, read against the plugin's parameters: which of them a goal would silently
 * ignore (a mistyped {@code pgreset.*} name, or a parameter's name without the prefix), and which replace what the POM
 * configures. Plain data in, decisions out; {@link CommandLine} reads it from Maven.
 *
 * @param given the user properties ({@code -D} on the command line, {@code .mvn/maven.config})
 * @param goalParameters this goal's parameters that have a property: property name to parameter name
 * @param pluginProperties every property of every goal of the plugin
 * @param configuredInPom the parameters of this goal that the POM's {@code <configuration>} sets
 */
public record CommandLineProperties(
        Map<String, String> given,
        Map<String, String> goalParameters,
        Set<String> pluginProperties,
        Set<String> configuredInPom) {

    /** The prefix of every property of the plugin. */
    static final String PREFIX = "pgreset.";

    /** A name this far from a real property (in edits, ignoring case and separators) is taken for a typo of it. */
    private static final int MOST_EDITS = 3;

    public CommandLineProperties {
        given = Map.copyOf(given);
        goalParameters = Map.copyOf(goalParameters);
        pluginProperties = Set.copyOf(pluginProperties);
        configuredInPom = Set.copyOf(configuredInPom);
    }

    /** A property given on the command line that replaces the POM's configuration of its parameter. */
    public record Override(String property, String parameter, String value) {}

    public boolean isGiven(String property) {
        return given.containsKey(property);
    }

    /**
     * What is wrong with the properties given, worded for the user, or empty: a {@code pgreset.*} property that no
     * goal has (with the nearest real one), or one of this goal's parameter names written without the prefix, which
     * Maven would pass to nobody.
     */
    public Optional<String> mistake(String goal) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(given.keySet())) {
            if (pluginProperties.contains(key)) {
                continue;
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("pgreset")) {
                problems.add("-D" + key + " is not a property of pgreset"
                        + nearest(key).map(p -> ": did you mean -D" + p + "?").orElse("."));
            } else {
                unprefixed(key)
                        .filter(property -> !given.containsKey(property))
                        .ifPresent(
                                property -> problems.add("-D" + key + " is not a property of pgreset: did you mean -D"
                                        + property + "? (If -D" + key + " is meant for another plugin, also give -D"
                                        + property + " to say what pgreset:" + goal + " should do.)"));
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("pgreset:" + goal + " did nothing: "
                + (problems.size() == 1
                        ? problems.get(0)
                        : problems.size() + " properties would be ignored:\n  - " + String.join("\n  - ", problems))
                + "\nmvn pgreset:help -Ddetail -Dgoal=" + goal + " lists the goal's parameters and their properties.");
    }

    /** The properties given on the command line whose parameters the POM also configures: the command line wins. */
    public List<Override> overridingPom() {
        List<Override> overrides = new ArrayList<>();
        for (Map.Entry<String, String> parameter : new java.util.TreeMap<>(goalParameters).entrySet()) {
            if (given.containsKey(parameter.getKey()) && configuredInPom.contains(parameter.getValue())) {
                overrides.add(new Override(parameter.getKey(), parameter.getValue(), given.get(parameter.getKey())));
            }
        }
        return overrides;
    }

    /** The real property nearest to a mistyped {@code pgreset.*} one: same letters, or a few edits away. */
    private Optional<String> nearest(String key) {
        String typed = letters(key);
        Map<String, Integer> distances = new LinkedHashMap<>();
        // made here, not when the class loads: commons-text is loaded only for a build with a mistyped property
        LevenshteinDistance edits = new LevenshteinDistance(MOST_EDITS);
        for (String property : pluginProperties) {
            int distance = edits.apply(typed, letters(property));
            if (distance >= 0) {
                distances.put(property, distance);
            }
        }
        return distances.entrySet().stream()
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    /**
     * The property whose parameter {@code key} names without the prefix ({@code dryRun}, {@code dry-run}): only for
     * names of two words or more, which no other tool is likely to share. One-word names ({@code url}, {@code skip},
     * {@code database}) are everyday properties of other plugins and applications, and are left alone.
     */
    private Optional<String> unprefixed(String key) {
        String typed = letters(key);
        return goalParameters.entrySet().stream()
                .filter(p -> !p.getValue().equals(p.getValue().toLowerCase(Locale.ROOT)))
                .filter(p -> letters(p.getValue()).equals(typed))
                .map(Map.Entry::getKey)
                .min(Comparator.naturalOrder());
    }

    /** Lower case, letters and digits only: {@code pgreset.dry-run} and {@code PGRESET_DRYRUN} read the same. */
    private static String letters(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * The goal's first line when the command line changed what the POM configures: which properties, and what the goal
     * now works on, so that nobody wonders why the POM's database was not the one reset; empty when it changed nothing.
     */
    public static Optional<String> overridesLine(
            List<Override> overrides, boolean serverIdReplaced, String goal, String target) {
        List<String> said = new ArrayList<>();
        if (!overrides.isEmpty()) {
            said.add(overrides.stream().map(o -> "-D" + o.property()).collect(Collectors.joining(", "))
                    + (overrides.size() == 1 ? " overrides" : " override") + " the POM's "
                    + overrides.stream().map(o -> "<" + o.parameter() + ">").collect(Collectors.joining(", ")));
        }
        if (serverIdReplaced) {
            said.add("the credentials given with -D replace the POM's <serverId>");
        }
        return said.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        "Command line: " + String.join("; ", said) + ". pgreset:" + goal + " works on " + target + ".");
    }
}
