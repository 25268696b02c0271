package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void identifiersAreAlwaysQuotedAndQuotesDoubled() {
        assertThat(SqlText.identifier("chat")).isEqualTo("\"chat\"");
        assertThat(SqlText.identifier("Chat App")).isEqualTo("\"Chat App\"");
        assertThat(SqlText.identifier("a\"; DROP DATABASE postgres; --"))
                .isEqualTo("\"a\"\"; DROP DATABASE postgres; --\"");
        assertThat(SqlText.identifier("名前")).isEqualTo("\"名前\"");
    }

    @Test
    void literalsDoubleQuotesAndEscapeBackslashes() {
        assertThat(SqlText.literal("UTF8")).isEqualTo("'UTF8'");
        assertThat(SqlText.literal("it's")).isEqualTo("'it''s'");
        assertThat(SqlText.literal("a\\b'c")).isEqualTo("E'a\\\\b''c'");
    }

    @Test
    void nulIsRefused() {
        assertThatThrownBy(() -> SqlText.identifier("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlText.literal("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
