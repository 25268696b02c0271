package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The goal's deadline: what is left of it, in the units JDBC wants, and pauses that never outlast it. */
class DeadlineTest {

    @Test
    void aFreshDeadlineHasItsWholeTimeLeft() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30));
        assertThat(deadline.total()).isEqualTo(Duration.ofSeconds(30));
        assertThat(deadline.expired()).isFalse();
        assertThat(deadline.remaining()).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
        assertThat(deadline.remainingSecondsAtLeastOne()).isEqualTo(30);
    }

    @Test
    void aPassedDeadlineHasNothingLeftButJdbcStillGetsOneSecond() {
        Deadline passed = new Deadline(System.nanoTime() - 1, Duration.ofSeconds(5));
        assertThat(passed.expired()).isTrue();
        assertThat(passed.remaining()).isEqualTo(Duration.ZERO);
        assertThat(passed.remainingSecondsAtLeastOne()).isEqualTo(1);
        assertThat(passed.pause(Duration.ofSeconds(1)))
                .as("no pause after the deadline")
                .isFalse();
    }

    @Test
    void partSecondsRoundUp() {
        Deadline deadline =
                new Deadline(System.nanoTime() + Duration.ofMillis(2500).toNanos(), Duration.ofSeconds(3));
        assertThat(deadline.remainingSecondsAtLeastOne()).isEqualTo(3);
    }

    @Test
    void statementsOfTheFirstSecondAreLeftToTheSessionsStatementTimeout() {
        assertThat(MaintenanceConnection.queryTimeoutSeconds(Deadline.after(Duration.ofSeconds(30))))
                .as("in the first second: statement_timeout (30 s from the connection) ends it when 30 s would")
                .isZero();
        Deadline later =
                new Deadline(System.nanoTime() + Duration.ofMillis(27_500).toNanos(), Duration.ofSeconds(30));
        assertThat(later.elapsed()).isBetween(Duration.ofMillis(2500), Duration.ofMillis(3500));
        assertThat(MaintenanceConnection.queryTimeoutSeconds(later))
                .as("later: what is left, rounded up")
                .isEqualTo(28);
    }

    @Test
    void aPauseShorterThanWhatIsLeftReturnsWithTimeLeft() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30));
        assertThat(deadline.pause(Duration.ofMillis(1))).isTrue();
    }
}
