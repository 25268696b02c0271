package io.github.pgreset.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.AbstractExecutionListener;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.Test;

/** The waits run when the build ends, before Maven's own listener prints the result; every event still reaches it. */
class BeforeBuildResultTest {
    private final List<String> seen = new ArrayList<>();

    /** Maven's listener, as the command line sets it: it prints BUILD SUCCESS when the session ends. */
    private final AbstractExecutionListener maven = new AbstractExecutionListener() {
        @Override
        public void mojoSucceeded(ExecutionEvent event) {
            seen.add("maven: mojo succeeded");
        }

        @Override
        public void sessionEnded(ExecutionEvent event) {
            seen.add("maven: BUILD SUCCESS");
        }
    };

    @SuppressWarnings("deprecation") // the session's plain constructor: no container needed here
    private MavenSession session(MavenExecutionRequest request) {
        return new MavenSession(null, null, request, new DefaultMavenExecutionResult());
    }

    @Test
    void waitsRunBeforeTheBuildsResultAndEventsStillReachMaven() {
        MavenExecutionRequest request = new DefaultMavenExecutionRequest().setExecutionListener(maven);
        MavenSession session = session(request);

        assertThat(BeforeBuildResult.register(session, "chat", () -> seen.add("copy of chat ready")))
                .isTrue();
        assertThat(BeforeBuildResult.register(session, "billing", () -> seen.add("copy of billing ready")))
                .isTrue();
        request.getExecutionListener().mojoSucceeded(null);
        request.getExecutionListener().sessionEnded(null);

        assertThat(seen)
                .containsExactly(
                        "maven: mojo succeeded", "copy of chat ready", "copy of billing ready", "maven: BUILD SUCCESS");
        assertThat(request.getExecutionListener())
                .as("one listener in front of Maven's, however many goals register")
                .isInstanceOf(BeforeBuildResult.class);
    }

    @Test
    void aBuildWithoutAListenerStillRunsTheWaits() {
        MavenExecutionRequest request = new DefaultMavenExecutionRequest();

        BeforeBuildResult.register(session(request), "chat", () -> seen.add("copy ready"));
        request.getExecutionListener().sessionEnded(null);

        assertThat(seen).containsExactly("copy ready");
    }

    @Test
    void aGoalOnADatabaseFirstFinishesWhatTheBuildLeftRunningForItAndOnlyThat() {
        MavenExecutionRequest request = new DefaultMavenExecutionRequest().setExecutionListener(maven);
        MavenSession session = session(request);
        BeforeBuildResult.register(session, "localhost:5432/chat", () -> seen.add("copy of chat ready"));
        BeforeBuildResult.register(session, "localhost:5432/billing", () -> seen.add("copy of billing ready"));

        BeforeBuildResult.finishNow(session, "localhost:5432/chat");
        seen.add("restore of chat");
        request.getExecutionListener().sessionEnded(null);

        assertThat(seen)
                .containsExactly(
                        "copy of chat ready", "restore of chat", "copy of billing ready", "maven: BUILD SUCCESS");
    }

    @Test
    void withoutABuildNothingWaits() {
        assertThat(BeforeBuildResult.register(null, "chat", () -> seen.add("never")))
                .isFalse();
        assertThat(seen).isEmpty();
    }
}
