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
}
