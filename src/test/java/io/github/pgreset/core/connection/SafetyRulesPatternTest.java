package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** pgreset.databaseNamePattern: read, refused when it does not compile, and left out for a snapshot's databases. */
class SafetyRulesPatternTest {
    private static Target target(String database) {
        return new Target(
                new ConnectionSettings(List.of(new HostPort("localhost", 5432)), "app", null, null, Map.of()),
                new DatabaseName(database));
    }

    @Test
    void noPatternOrABlankOneIsNone() {
        assertThat(SafetyRules.namePattern(null)).isNull();
        assertThat(SafetyRules.namePattern("  ")).isNull();
        assertThat(SafetyRules.namePattern(".*_it").pattern()).isEqualTo(".*_it");
    }

    @Test
    void aPatternThatDoesNotCompileSaysWhere() {
        PgResetException refused =
                catchThrowableOfType(() -> SafetyRules.namePattern("chat_(it"), PgResetException.class);
        assertThat(refused.problem()).isEqualTo(Problem.CONFIGURATION);
        assertThat(refused.getMessage())
                .startsWith("pgreset.databaseNamePattern is not a valid regular expression: ")
                .contains("\"chat_(it\"", "Example: .*_(test|it|dev)");
    }

    @Test
    void aSnapshotsDatabasesKeepTheOtherRulesButNotThePattern() {
        SafetyRules rules = new SafetyRules(false, Set.of("keep_it"), SafetyRules.namePattern(".*_it"));
        PgResetException outside = catchThrowableOfType(
                () -> rules.check(target("chat_snapshot"), null, SafetyRules.Use.DROP), PgResetException.class);
        assertThat(outside.getMessage()).contains("pgreset.databaseNamePattern");
        SafetyRules forSnapshots = rules.withoutNamePattern();
        assertThatNoException()
                .isThrownBy(() -> forSnapshots.check(target("chat_snapshot"), null, SafetyRules.Use.SNAPSHOT_NAME));
        assertThat(catchThrowableOfType(
                                () -> forSnapshots.check(target("keep_it"), null, SafetyRules.Use.SNAPSHOT_NAME),
                                PgResetException.class)
                        .getMessage())
                .contains("pgreset.protectedDatabases");
        assertThat(forSnapshots.allowRemote()).isFalse();
    }
}
