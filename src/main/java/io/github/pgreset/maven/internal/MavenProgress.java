package io.github.pgreset.maven.internal;

import io.github.pgreset.core.connection.ProgressListener;
import org.apache.maven.plugin.logging.Log;

/** Passes the service's progress to Maven's log. */
public final class MavenProgress implements ProgressListener {
    private final Log log;

    public MavenProgress(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
