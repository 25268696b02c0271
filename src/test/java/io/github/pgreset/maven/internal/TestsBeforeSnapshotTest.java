package io.github.pgreset.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.maven.internal.TestsBeforeSnapshot.TestRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a snapshot may be taken: before the project's tests, never after them. */
class TestsBeforeSnapshotTest {
    private static final int PGRESET = 3;
    private static final TestRun SUREFIRE =
            new TestRun("maven-surefire-plugin:test (default-test)", "test", true, 1, false);
    private static final TestRun FAILSAFE_AFTER_PGRESET =
            new TestRun("maven-failsafe-plugin:integration-test (default)", "integration-test", false, 5, false);
    private static final TestRun FAILSAFE_BEFORE_PGRESET =
            new TestRun("maven-failsafe-plugin:integration-test (default)", "integration-test", false, 2, false);

    @Test
    void boundToTestWhileSurefireRunsTestsItIsRefusedAndToldWhereToGo() {
        // Surefire's default-test runs first in "test", whatever the POM's order
        assertThat(TestsBeforeSnapshot.refusal("test", List.of(), PGRESET, List.of(SUREFIRE)))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("pgreset:snapshot refused: it runs in phase test, after the tests of"
                                + " maven-surefire-plugin:test (default-test)")
                        .contains("process-test-classes")
                        .contains("integration-test, with pgreset declared before maven-failsafe-plugin")
                        .endsWith("Nothing was changed."));
        assertThat(TestsBeforeSnapshot.refusal("verify", List.of(), PGRESET, List.of(SUREFIRE)))
                .isPresent();
    }

    @Test
    void beforeTheTestsItIsTaken() {
        assertThat(TestsBeforeSnapshot.refusal("process-test-classes", List.of(), PGRESET, List.of(SUREFIRE)))
                .isEmpty();
        assertThat(TestsBeforeSnapshot.refusal(
                        "integration-test",
                        List.of(),
                        PGRESET,
                        List.of(SUREFIRE.skippedCopy(), FAILSAFE_AFTER_PGRESET)))
                .as("declared before Failsafe in the same phase")
                .isEmpty();
    }

    @Test
    void afterFailsafeInItsPhaseOrLaterItIsRefused() {
        assertThat(TestsBeforeSnapshot.refusal(
                        "integration-test", List.of(), PGRESET, List.of(FAILSAFE_BEFORE_PGRESET)))
                .isPresent();
        assertThat(TestsBeforeSnapshot.refusal(
                        "post-integration-test", List.of(), PGRESET, List.of(FAILSAFE_AFTER_PGRESET)))
                .isPresent();
        assertThat(TestsBeforeSnapshot.refusal(
                        "pre-integration-test", List.of(), PGRESET, List.of(FAILSAFE_AFTER_PGRESET)))
                .isEmpty();
    }

    @Test
    void skippedTestsWriteNothing() {
        assertThat(TestsBeforeSnapshot.refusal("verify", List.of(), PGRESET, List.of(SUREFIRE.skippedCopy())))
                .isEmpty();
    }

    @Test
    void fromTheCommandLineAfterAPhaseThatRanTheTests() {
        assertThat(TestsBeforeSnapshot.refusal(null, List.of("verify"), PGRESET, List.of(SUREFIRE)))
                .hasValueSatisfying(m -> assertThat(m).contains("it runs after verify on the command line"));
        assertThat(TestsBeforeSnapshot.refusal(null, List.of("process-test-classes"), PGRESET, List.of(SUREFIRE)))
                .isEmpty();
        assertThat(TestsBeforeSnapshot.refusal(null, List.of(), PGRESET, List.of(SUREFIRE)))
                .isEmpty();
    }

    @Test
    void aPhaseOfAnotherLifecycleIsLeftAlone() {
        assertThat(TestsBeforeSnapshot.refusal("site", List.of(), PGRESET, List.of(SUREFIRE)))
                .isEmpty();
    }
}
