package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseNameTest {
    @Test
    void sixtyThreeBytesIsTheLimitCountedInUtf8() {
        assertThat(new DatabaseName("a".repeat(63)).value()).hasSize(63);
        assertThat(new DatabaseName("ä".repeat(31) + "a").sql()).startsWith("\"ä");
        assertThatThrownBy(() -> new DatabaseName("a".repeat(64)))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining("64 bytes long; PostgreSQL allows at most 63 bytes");
        assertThatThrownBy(() -> new DatabaseName("ä".repeat(32))).hasMessageContaining("64 bytes");
    }

    @Test
    void emptyAndNulAreRefused() {
        assertThatThrownBy(() -> new DatabaseName("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new DatabaseName(null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new DatabaseName("a\0")).hasMessageContaining("NUL");
    }

    private static final String LONG_ARTIFACT = "tc-guide-working-with-jooq-flyway-using-testcontainers";

    @Test
    void aDerivedNameIsTheNameAndItsSuffixWhereThatFits() {
        assertThat(new DatabaseName("chat").derived("_snapshot").value()).isEqualTo("chat_snapshot");
        assertThat(new DatabaseName(LONG_ARTIFACT).derived("_snapshot").value())
                .as("54 + 9 bytes: just fits")
                .isEqualTo(LONG_ARTIFACT + "_snapshot");
    }

    @Test
    void aDerivedNameTooLongIsShortenedWithADigestOfTheWholeName() {
        DatabaseName old = new DatabaseName(LONG_ARTIFACT).derived("_pgreset_old");
        assertThat(old.value())
                .hasSize(63)
                .matches("tc-guide-working-with-jooq-flyway-using-test_[0-9a-f]{6}_pgreset_old");
        assertThat(new DatabaseName(LONG_ARTIFACT).derived("_pgreset_old"))
                .as("the same every time: snapshot and restore agree")
                .isEqualTo(old);
        DatabaseName sibling =
                new DatabaseName(LONG_ARTIFACT.replace("testcontainers", "testcontainers2")).derived("_pgreset_old");
        assertThat(sibling.value()).startsWith("tc-guide-working-with-jooq-flyway-using-test_");
        assertThat(sibling).as("two names of the same start").isNotEqualTo(old);
    }

    @Test
    void shorteningCutsWholeCharactersOnly() {
        DatabaseName name = new DatabaseName("ä".repeat(31)).derived("_pgreset_prev");
        assertThat(name.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(63);
        assertThat(name.value()).matches("(ä)+_[0-9a-f]{6}_pgreset_prev");
    }

    @Test
    void aDefaultNameLongerThanTheLimitIsFittedRatherThanRefused() {
        String artifactId = "a-very-long-artifact-id-of-a-module-in-a-large-multi-module-build-x";
        DatabaseName fitted = DatabaseName.fitted(artifactId);
        assertThat(fitted.value()).hasSize(63).matches("a-very-long-.*_[0-9a-f]{6}");
        assertThat(DatabaseName.fitted("chat").value()).isEqualTo("chat");
        assertThat(fitted.derived("_pgreset_snap").value()).hasSize(63).endsWith("_pgreset_snap");
    }
}
