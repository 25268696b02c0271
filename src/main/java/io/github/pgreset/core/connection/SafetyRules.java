package io.github.pgreset.core.connection;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the plugin refuses to touch. System databases and the maintenance database are never dropped; a server that
 * is not on this machine is refused before connecting unless {@code allowRemote} is set.
 *
 * @param allowRemote whether hosts other than localhost and loopback addresses are allowed (Unix sockets are refused
 *     earlier, by {@link TargetResolver})
 * @param protectedDatabases further names that every goal which ends sessions or changes a database refuses
 *     (compared exactly: PostgreSQL names are case-sensitive, so {@code Chat} is another database than {@code chat})
 * @param databaseNamePattern a regular expression every database that drop and recreate touch must match as a whole,
 *     or {@code null} for no such rule
 */
public record SafetyRules(boolean allowRemote, Set<String> protectedDatabases, Pattern databaseNamePattern) {
    /** Databases every PostgreSQL cluster needs. */
    public static final List<String> SYSTEM_DATABASES = List.of("postgres", "template0", "template1");

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern IPV6_LOOPBACK =
            Pattern.compile("(0{0,4}:){2,7}0{0,3}1|::1|::ffff:127(\\.\\d{1,3}){3}");

    public SafetyRules {
        protectedDatabases = Set.copyOf(protectedDatabases);
    }

    public SafetyRules(boolean allowRemote, Set<String> protectedDatabases) {
        this(allowRemote, protectedDatabases, null);
    }

    /** The same rules without the name pattern: for the snapshot's own databases, whose names derive from the target. */
    public SafetyRules withoutNamePattern() {
        return new SafetyRules(allowRemote, protectedDatabases, null);
    }

    public static SafetyRules defaults() {
        return new SafetyRules(false, Set.of());
    }

    /**
     * The pattern of pgreset.databaseNamePattern, or {@code null} for none; a pattern that does not compile is a
     * configuration error that says where it breaks.
     */
    public static Pattern namePattern(String regex) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new PgResetException(
                    Problem.CONFIGURATION,
                    "pgreset.databaseNamePattern is not a valid regular expression: " + e.getDescription() + " near "
                            + "index " + e.getIndex() + " of \"" + regex + "\". Example: .*_(test|it|dev)");
        }
    }

    /** Refuses a remote server unless allowed; called before connecting for every goal. */
    public void checkHost(ConnectionSettings connection) {
        if (allowRemote) {
            return;
        }
        for (HostPort host : connection.hosts()) {
            if (!isLocal(host.host())) {
                throw new PgResetException(
                        Problem.REFUSED_TARGET,
                        "Refusing to connect to " + host + ": it is not "
                                + "this machine (localhost or a loopback address). pgreset drops databases, so "
                                + "remote servers need consent: set pgreset.allowRemote=true (<allowRemote>true</allowRemote>) "
                                + "if this server is meant.");
            }
        }
    }

    /**
     * What a goal would do to a database that the rules may forbid, as the refusal says it, and the setting that
     * names that database (so the advice points at the right one).
     */
    public enum Use {
        /** drop, recreate and restore: the database is dropped or replaced. */
        DROP("drop", "Point pgreset.database or pgreset.url at the database you want to reset."),
        /** terminate: every session on the database is ended. */
        TERMINATE(
                "terminate the sessions on",
                "Point pgreset.database or pgreset.url at the database whose sessions are to end."),
        /** snapshot: the database's sessions are ended for the copy. */
        SNAPSHOT(
                "snapshot",
                "Point pgreset.database or pgreset.url at the database to snapshot; snapshotting ends its sessions."),
        /** snapshot and restore: a database pgreset makes, replaces and drops under the snapshot's names. */
        SNAPSHOT_NAME("use as a snapshot", "Set pgreset.snapshotName to another name.");

        private final String verb;
        private final String advice;

        Use(String verb, String advice) {
            this.verb = verb;
            this.advice = advice;
        }
    }

    /**
     * Refuses a system, maintenance or protected database, or one whose name does not match the pattern, for what the
     * goal would do to it ({@code use}), before anything is sent.
     */
    public void check(Target target, String maintenanceDatabase, Use use) {
        String name = target.database().value();
        Set<String> refused = new LinkedHashSet<>(SYSTEM_DATABASES);
        if (maintenanceDatabase != null) {
            refused.add(maintenanceDatabase);
        }
        String refusal = "Refusing to " + use.verb + " " + target.describe() + ": ";
        if (refused.contains(name)) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    refusal
                            + (SYSTEM_DATABASES.contains(name)
                                    ? "it is a system database every PostgreSQL cluster needs."
                                    : "the plugin connects to it as its maintenance database (pgreset.maintenanceDatabase).")
                            + " " + use.advice);
        }
        if (protectedDatabases.contains(name)) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    refusal + "it is listed in pgreset.protectedDatabases. Remove it from that list if it really is to "
                            + (use == Use.DROP ? "be reset." : "be touched."));
        }
        if (databaseNamePattern != null && !databaseNamePattern.matcher(name).matches()) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    refusal + "its name does not match pgreset.databaseNamePattern ("
                            + databaseNamePattern.pattern() + "), which every database this build resets must match. "
                            + "Point pgreset.database at a matching database, or change the pattern.");
        }
    }

    /** localhost, *.localhost, 127.0.0.0/8 and ::1. No DNS look-up is made. */
    public static boolean isLocal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.isEmpty()
                || h.equals("localhost")
                || h.endsWith(".localhost")
                || IPV4_LOOPBACK.matcher(h).matches()
                || IPV6_LOOPBACK.matcher(h).matches();
    }
}
