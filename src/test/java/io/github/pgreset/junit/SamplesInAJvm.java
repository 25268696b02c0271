package io.github.pgreset.junit;

import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.PrintWriter;
import java.util.Arrays;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A JVM that runs test classes through a plain JUnit launcher and ends, as an IDE runs them, for {@link
 * PgResetExtensionIT}: prints what passed and failed, and exits with 0 when all passed. Arguments: the classes' names.
 */
public final class SamplesInAJvm {
    private SamplesInAJvm() {}

    public static void main(String[] args) {
        DiscoverySelector[] classes =
                Arrays.stream(args).map(DiscoverySelectors::selectClass).toArray(DiscoverySelector[]::new);
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request().selectors(classes).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printFailuresTo(out, 20);
        out.println("succeeded " + summary.getTestsSucceededCount() + ", failed " + summary.getTotalFailureCount());
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1);
    }
}
