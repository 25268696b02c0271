package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlStateTest {
    private static SQLException state(String code) {
        return new SQLException("failed", code);
    }

    @Test
    void eachMeaningIsItsCodes() {
        assertThat(SqlState.OBJECT_IN_USE.is(state("55006"))).isTrue();
        assertThat(SqlState.OBJECT_IN_USE.is(state("55P03"))).isFalse();
        assertThat(SqlState.OBJECT_IN_USE.is(state(null))).isFalse();
        assertThat(SqlState.timedOut(state("55P03"))).isTrue();
        assertThat(SqlState.timedOut(state("57014"))).isTrue();
        assertThat(SqlState.timedOut(state("57P01"))).isFalse();
        assertThat(SqlState.sessionEndedByServer(state("57P01"))).isTrue();
        assertThat(SqlState.sessionEndedByServer(state("57P02"))).isTrue();
        assertThat(SqlState.sessionEndedByServer(state("57P03"))).isTrue();
        assertThat(SqlState.sessionEndedByServer(state("57014"))).isFalse();
        assertThat(SqlState.authenticationFailed(state("28P01"))).isTrue();
        assertThat(SqlState.authenticationFailed(state("28000"))).isTrue();
        assertThat(SqlState.authenticationFailed(state("3D000"))).isFalse();
    }

    @Test
    void aConnectionIsLostByClass08OrABrokenSocket() {
        assertThat(SqlState.connectionLost(state("08006"))).isTrue();
        assertThat(SqlState.connectionLost(state("08001"))).isTrue();
        assertThat(SqlState.connectionLost(state("0A000"))).isFalse();
        assertThat(SqlState.connectionLost(state(null))).isFalse();
        assertThat(SqlState.connectionLost(new SQLException("broken", null, new SocketException("reset"))))
                .isTrue();
    }
}
