package io.github.pgreset.bench.junit;

import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One JVM of {@link JUnitBenchmark}, as an IDE or a Surefire fork runs tests: runs the classes named in its arguments
 * through a plain JUnit launcher, in order, and prints for each the milliseconds from the class's start to its first
 * test's start (all that JUnit and the class's extensions do before a test: {@code class <name> <ms>}), and the JVM's
 * age when the first test began ({@code first-test <ms>}). Exits with 1 when a test failed.
 */
public final class TimedRun {
    private TimedRun() {}

    public static void main(String[] args) {
        DiscoverySelector[] classes =
                Arrays.stream(args).map(DiscoverySelectors::selectClass).toArray(DiscoverySelector[]::new);
        Timings timings = new Timings();
        LauncherFactory.create().execute(request().selectors(classes).build(), timings);
        timings.classMillis.forEach((name, millis) -> System.out.printf("class %s %.2f%n", name, millis));
        System.out.println("first-test " + timings.firstTestAge);
        System.exit(timings.failed ? 1 : 0);
    }

    private static final class Timings implements TestExecutionListener {
        private final Map<String, Double> classMillis = new LinkedHashMap<>();
        private long classStarted;
        private String currentClass;
        private long firstTestAge = -1;
        private boolean failed;

        @Override
        public void executionStarted(TestIdentifier identifier) {
            long now = System.nanoTime();
            if (identifier.isContainer() && identifier.getSource().orElse(null) instanceof ClassSource source) {
                currentClass =
                        source.getClassName().substring(source.getClassName().lastIndexOf('$') + 1);
                classStarted = now;
            } else if (identifier.isTest() && currentClass != null && !classMillis.containsKey(currentClass)) {
                classMillis.put(currentClass, (now - classStarted) / 1e6);
                if (firstTestAge < 0) {
                    firstTestAge = ManagementFactory.getRuntimeMXBean().getUptime();
                }
            }
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                failed = true;
                result.getThrowable().ifPresent(Throwable::printStackTrace);
            }
        }
    }
}
