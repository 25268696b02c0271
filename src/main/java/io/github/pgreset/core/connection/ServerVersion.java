package io.github.pgreset.core.connection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's version as {@code server_version_num} counts it (120022 for 12.22, 180001 for 18.1), and the one place
 * that knows which version brought which feature.
 */
public record ServerVersion(int number) implements Comparable<ServerVersion> {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    /** Everything the plugin does differently by version, with the first version that has it. */
    public enum Feature {
        BACKEND_TYPE(100000, "pg_stat_activity.backend_type"),
        DROP_FORCE(130000, "DROP DATABASE ... WITH (FORCE)"),
        LEADER_PID(130000, "pg_stat_activity.leader_pid"),
        CREATE_LOCALE(130000, "CREATE DATABASE ... LOCALE"),
        CREATE_STRATEGY(150000, "CREATE DATABASE ... STRATEGY"),
        FILE_COPY_METHOD(180000, "file_copy_method");

        private final int since;
        private final String what;

        Feature(int since, String what) {
            this.since = since;
            this.what = what;
        }

        public ServerVersion since() {
            return new ServerVersion(since);
        }

        public String what() {
            return what;
        }
    }

    /** The oldest server the plugin works with: ALLOW_CONNECTIONS (9.5) and pg_signal_backend (9.6). */
    public static final ServerVersion OLDEST_SUPPORTED = new ServerVersion(90600);

    /**
     * Reads the {@code server_version} a server reports at connection time: {@code 12.22},
     * {@code 15.13 (Debian 15.13-1.pgdg120+1)}, {@code 9.6.24}, {@code 17beta1}.
     */
    public static ServerVersion parse(String serverVersion) {
        Matcher m = VERSION.matcher(serverVersion == null ? "" : serverVersion.trim());
        if (!m.find()) {
            throw new IllegalArgumentException("Not a PostgreSQL server_version: " + serverVersion);
        }
        int major = Integer.parseInt(m.group(1));
        int second = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (major >= 10) {
            return new ServerVersion(major * 10000 + second);
        }
        int third = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new ServerVersion(major * 10000 + second * 100 + third);
    }

    public boolean supports(Feature feature) {
        return number >= feature.since;
    }

    /** 12 for 12.22; 9.6 servers answer 9. */
    public int major() {
        return number / 10000;
    }

    @Override
    public int compareTo(ServerVersion other) {
        return Integer.compare(number, other.number);
    }

    /** {@code 12.22}, {@code 9.6.24}. */
    @Override
    public String toString() {
        return number >= 100000
                ? major() + "." + number % 10000
                : major() + "." + number / 100 % 100 + "." + number % 100;
    }
}
