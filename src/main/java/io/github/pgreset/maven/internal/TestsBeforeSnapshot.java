package io.github.pgreset.maven.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether the build runs the project's tests before {@code pgreset:snapshot}: then the snapshot would save what the tests
 * wrote, and every later restore would bring it back. Decided from where the snapshot's execution and each execution of
 * Surefire's {@code test} and Failsafe's {@code integration-test} sit in the lifecycle: an earlier phase runs first;
 * within one phase, the executions the packaging binds ({@code default-test}) run before the POM's own, and the POM's
 * run in the order of their plugins.
 */
public final class TestsBeforeSnapshot {
    /** Maven's default lifecycle, in order (the same in Maven 3 and 4). */
    static final List<String> PHASES = List.of(
            "validate",
            "initialize",
            "generate-sources",
            "process-sources",
            "generate-resources",
            "process-resources",
            "compile",
            "process-classes",
            "generate-test-sources",
            "process-test-sources",
            "generate-test-resources",
            "process-test-resources",
            "test-compile",
            "process-test-classes",
            "test",
            "prepare-package",
            "package",
            "pre-integration-test",
            "integration-test",
            "post-integration-test",
            "verify",
            "install",
            "deploy");

    private TestsBeforeSnapshot() {}

    /**
     * An execution that runs tests.
     *
     * @param name how the error names it, e.g. {@code maven-surefire-plugin:test (default-test)}
     * @param phase its phase
     * @param packagingDefault bound by the packaging ({@code default-test}), so first in its phase
     * @param pluginIndex its plugin's place among the build's plugins
     * @param skipped whether it is skipped in this build (skipTests, skipITs, maven.test.skip, skip)
     */
    public record TestRun(String name, String phase, boolean packagingDefault, int pluginIndex, boolean skipped) {
        TestRun skippedCopy() {
            return new TestRun(name, phase, packagingDefault, pluginIndex, true);
        }
    }

    /**
     * The refusal, when tests run before the snapshot: bound in {@code phase} (null when run from the command line,
     * then after the lifecycle phases given before it, {@code phasesBefore}), pgreset's plugin at {@code pluginIndex}.
     */
    public static Optional<String> refusal(
            String phase, List<String> phasesBefore, int pluginIndex, List<TestRun> testRuns) {
        List<TestRun> before = testRuns.stream()
                .filter(run -> !run.skipped())
                .filter(run -> phase == null
                        ? phasesBefore.stream().anyMatch(p -> index(p) >= index(run.phase()))
                        : runsBefore(run, phase, pluginIndex))
                .toList();
        if (before.isEmpty()) {
            return Optional.empty();
        }
        String where = phase == null
                ? "after " + String.join(" ", phasesBefore) + " on the command line"
                : "in phase " + phase;
        return Optional.of("pgreset:snapshot refused: it runs " + where + ", after the tests of "
                + before.stream().map(TestRun::name).collect(Collectors.joining(" and "))
                + ", and would save what they wrote as the snapshot that every later restore brings back. Take the"
                + " snapshot before the tests, once the database is migrated: with tests under Surefire, bind it to"
                + " process-test-classes (restore in generate-test-resources, the migrations in process-test-resources);"
                + " with Failsafe's, to integration-test, with pgreset declared before maven-failsafe-plugin (restore"
                + " in pre-integration-test, the migrations after it). Nothing was changed.");
    }

    private static boolean runsBefore(TestRun run, String phase, int pluginIndex) {
        int tests = index(run.phase());
        int snapshot = index(phase);
        if (tests < 0 || snapshot < 0) {
            return false; // a phase of another lifecycle, or one this plugin does not know
        }
        return tests < snapshot || (tests == snapshot && (run.packagingDefault() || run.pluginIndex() < pluginIndex));
    }

    static int index(String phase) {
        return PHASES.indexOf(phase);
    }
}
