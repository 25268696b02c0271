package io.github.pgreset.core.connection;

/** Where the service reports what it is doing while it works (the Maven layer passes its log). */
public interface ProgressListener {
    void info(String message);

    void debug(String message);

    static ProgressListener silent() {
        return new ProgressListener() {
            @Override
            public void info(String message) {}

            @Override
            public void debug(String message) {}
        };
    }
}
