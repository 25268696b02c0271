package io.github.pgreset.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLinePropertiesTest {
    /** recreate's parameters that have a property, a part of them. */
    private static final Map<String, String> RECREATE = Map.of(
            "pgreset.url", "url",
            "pgreset.database", "database",
            "pgreset.dryRun", "dryRun",
            "pgreset.skip", "skip",
            "pgreset.ifExists", "ifExists",
            "pgreset.password", "password");

    private static final Set<String> PLUGIN = Set.of(
            "pgreset.url",
            "pgreset.database",
            "pgreset.dryRun",
            "pgreset.skip",
            "pgreset.ifExists",
            "pgreset.password",
            "pgreset.snapshotName");

    private static CommandLineProperties given(Map<String, String> given, Set<String> inPom) {
        return new CommandLineProperties(given, RECREATE, PLUGIN, inPom);
    }

    @Test
    void aMistypedPropertyNamesTheOneMeant() {
        for (String typo : new String[] {"pgreset.dryrun", "pgreset.dry-run", "PGRESET_DRYRUN", "pgreset.dryRn"}) {
            assertThat(given(Map.of(typo, "true"), Set.of()).mistake("recreate"))
                    .hasValue("pgreset:recreate did nothing: -D" + typo + " is not a property of pgreset: did you mean "
                            + "-Dpgreset.dryRun?\nmvn pgreset:help -Ddetail -Dgoal=recreate lists the goal's "
                            + "parameters and their properties.");
        }
    }

    @Test
    void aPropertyFarFromAnyIsRefusedWithoutAGuess() {
        assertThat(given(Map.of("pgreset.colour", "blue"), Set.of()).mistake("drop"))
                .hasValueSatisfying(m -> assertThat(m)
                        .startsWith("pgreset:drop did nothing: -Dpgreset.colour is not a property of pgreset.\n")
                        .doesNotContain("did you mean"));
    }

    @Test
    void anUnprefixedParameterNameOfTwoWordsIsRefusedUnlessThePropertyIsAlsoGiven() {
        assertThat(given(Map.of("dryRun", "true"), Set.of()).mistake("recreate"))
                .hasValueSatisfying(m -> assertThat(m)
                        .contains("-DdryRun is not a property of pgreset: did you mean -Dpgreset.dryRun? (If -DdryRun "
                                + "is meant for another plugin, also give -Dpgreset.dryRun to say what "
                                + "pgreset:recreate should do.)"));
        assertThat(given(Map.of("if-exists", "false"), Set.of()).mistake("recreate"))
                .hasValueSatisfying(m -> assertThat(m).contains("did you mean -Dpgreset.ifExists?"));
        assertThat(given(Map.of("dryRun", "true", "pgreset.dryRun", "false"), Set.of())
                        .mistake("recreate"))
                .isEmpty();
    }

    @Test
    void everydayOneWordNamesAndOtherPluginsPropertiesAreLeftAlone() {
        assertThat(given(
                                Map.of(
                                        "url", "http://example.com",
                                        "database", "x",
                                        "skip", "true",
                                        "skipTests", "true",
                                        "flyway.url", "jdbc:postgresql:chat",
                                        "pgreset.snapshotName", "chat_migrated"),
                                Set.of())
                        .mistake("recreate"))
                .isEmpty();
    }

    @Test
    void severalMistakesAreListedTogether() {
        assertThat(given(Map.of("pgreset.dryrun", "true", "pgreset.databse", "x"), Set.of())
                        .mistake("recreate"))
                .hasValue("pgreset:recreate did nothing: 2 properties would be ignored:\n"
                        + "  - -Dpgreset.databse is not a property of pgreset: did you mean -Dpgreset.database?\n"
                        + "  - -Dpgreset.dryrun is not a property of pgreset: did you mean -Dpgreset.dryRun?\n"
                        + "mvn pgreset:help -Ddetail -Dgoal=recreate lists the goal's parameters and their "
                        + "properties.");
    }

    @Test
    void aPropertyOverridesOnlyWhatThePomConfigures() {
        CommandLineProperties properties = given(
                Map.of("pgreset.url", "jdbc:postgresql://localhost/other", "pgreset.dryRun", "true"), Set.of("url"));

        assertThat(properties.overridingPom())
                .containsExactly(
                        new CommandLineProperties.Override("pgreset.url", "url", "jdbc:postgresql://localhost/other"));
        assertThat(properties.isGiven("pgreset.dryRun")).isTrue();
        assertThat(properties.isGiven("pgreset.database")).isFalse();
    }

    @Test
    void outsideAMavenRunNothingIsKnownAndNothingRefused() {
        CommandLineProperties none = CommandLine.read(null, null);

        assertThat(none.mistake("drop")).isEmpty();
        assertThat(none.overridingPom()).isEmpty();
    }
}
