package io.github.pgreset.maven.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;

/**
 * Work a goal leaves running while the build goes on (restore's next copy), finished when the build ends but before
 * Maven prints its result, and then what ends with the build (the server {@code start} started for it): it sits in
 * front of the build's execution listener, which prints the reactor summary and {@code BUILD SUCCESS} or {@code BUILD
 * FAILURE} when the session ends (Maven ends the session when the build fails too), and runs the waits, then the
 * ends, first. So nothing depends on work after the result:
 * not on a shutdown hook (a JVM that stays up, an IDE or a daemon, never runs one), nor on loading plugin classes
 * after Maven has closed the plugin's class realm. One per build, kept in the build's request; no static state.
 */
public final class BeforeBuildResult implements ExecutionListener {
    private final ExecutionListener next;
    private final List<Wait> waits = new CopyOnWriteArrayList<>();
    private final Map<String, Runnable> ends = new ConcurrentHashMap<>();

    /** A wait, and what it is for: the database whose goals must not start before it is done. */
    private record Wait(String what, Runnable work) {}

    private BeforeBuildResult(ExecutionListener next) {
        this.next = next;
    }

    /**
     * Runs {@code wait} when the build ends, before its result is printed, or before the next goal on {@code what}
     * ({@link #finishNow(MavenSession, String)}).
     *
     * @return false when there is no build to wait for (a goal run outside a Maven session, as by a test harness):
     *     then nothing waits and the work finishes on its own
     */
    public static boolean register(MavenSession session, String what, Runnable wait) {
        BeforeBuildResult before = of(session);
        if (before == null) {
            return false;
        }
        before.waits.add(new Wait(what, wait));
        return true;
    }

    /**
     * Runs {@code end} when the build ends, after every wait, once for {@code key} however many goals ask.
     *
     * @return false when the build has an end for {@code key} already, or when there is no build (a test harness)
     */
    public static boolean atEnd(MavenSession session, String key, Runnable end) {
        BeforeBuildResult before = of(session);
        return before != null && before.ends.putIfAbsent(key, end) == null;
    }

    /** Whether the build has an end for {@code key}. */
    public static boolean endsWith(MavenSession session, String key) {
        MavenExecutionRequest request = session == null ? null : session.getRequest();
        return request != null
                && request.getExecutionListener() instanceof BeforeBuildResult before
                && before.ends.containsKey(key);
    }

    /** The listener in front of the build's own, put there by the first goal that needs it. */
    private static BeforeBuildResult of(MavenSession session) {
        MavenExecutionRequest request = session == null ? null : session.getRequest();
        if (request == null) {
            return null;
        }
        synchronized (request) {
            ExecutionListener current = request.getExecutionListener();
            if (current instanceof BeforeBuildResult already) {
                return already;
            }
            BeforeBuildResult before = new BeforeBuildResult(current);
            request.setExecutionListener(before);
            return before;
        }
    }

    /**
     * Finishes now the work goals left running in this build, as the build's end would: before {@code pgreset:stop}
     * stops the server that work runs on.
     */
    public static void finishNow(MavenSession session) {
        finishNow(session, null);
    }

    /**
     * Finishes now the work goals left running in this build on {@code what} ({@code null}: on anything), before a
     * goal that works on it too: {@code mvn pgreset:snapshot pgreset:restore} restores from the copy the snapshot
     * made, rather than racing it for the database.
     */
    public static void finishNow(MavenSession session, String what) {
        MavenExecutionRequest request = session == null ? null : session.getRequest();
        if (request != null && request.getExecutionListener() instanceof BeforeBuildResult before) {
            before.finish(what);
        }
    }

    private void finish(String what) {
        for (Wait wait : waits) {
            if ((what == null || what.equals(wait.what())) && waits.remove(wait)) {
                wait.work().run();
            }
        }
    }

    @Override
    public void sessionEnded(ExecutionEvent event) {
        finish(null);
        for (String key : List.copyOf(ends.keySet())) {
            Runnable end = ends.remove(key);
            if (end != null) {
                end.run();
            }
        }
        if (next != null) {
            next.sessionEnded(event);
        }
    }

    @Override
    public void projectDiscoveryStarted(ExecutionEvent event) {
        if (next != null) {
            next.projectDiscoveryStarted(event);
        }
    }

    @Override
    public void sessionStarted(ExecutionEvent event) {
        if (next != null) {
            next.sessionStarted(event);
        }
    }

    @Override
    public void projectSkipped(ExecutionEvent event) {
        if (next != null) {
            next.projectSkipped(event);
        }
    }

    @Override
    public void projectStarted(ExecutionEvent event) {
        if (next != null) {
            next.projectStarted(event);
        }
    }

    @Override
    public void projectSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.projectSucceeded(event);
        }
    }

    @Override
    public void projectFailed(ExecutionEvent event) {
        if (next != null) {
            next.projectFailed(event);
        }
    }

    @Override
    public void mojoSkipped(ExecutionEvent event) {
        if (next != null) {
            next.mojoSkipped(event);
        }
    }

    @Override
    public void mojoStarted(ExecutionEvent event) {
        if (next != null) {
            next.mojoStarted(event);
        }
    }

    @Override
    public void mojoSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.mojoSucceeded(event);
        }
    }

    @Override
    public void mojoFailed(ExecutionEvent event) {
        if (next != null) {
            next.mojoFailed(event);
        }
    }

    @Override
    public void forkStarted(ExecutionEvent event) {
        if (next != null) {
            next.forkStarted(event);
        }
    }

    @Override
    public void forkSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.forkSucceeded(event);
        }
    }

    @Override
    public void forkFailed(ExecutionEvent event) {
        if (next != null) {
            next.forkFailed(event);
        }
    }

    @Override
    public void forkedProjectStarted(ExecutionEvent event) {
        if (next != null) {
            next.forkedProjectStarted(event);
        }
    }

    @Override
    public void forkedProjectSucceeded(ExecutionEvent event) {
        if (next != null) {
            next.forkedProjectSucceeded(event);
        }
    }

    @Override
    public void forkedProjectFailed(ExecutionEvent event) {
        if (next != null) {
            next.forkedProjectFailed(event);
        }
    }
}
