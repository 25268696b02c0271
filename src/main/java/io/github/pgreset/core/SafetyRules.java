package io.github.pgreset.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the plugin refuses to touch. System databases and the maintenance database are never dropped; a server that
 * is not on this machine is refused before connecting unless {@code allowRemote} is set.
 *
 * @param allowRemote whether hosts other than localhost, loopback addresses and Unix sockets are allowed
 * @param protectedDatabases further names that drop and recreate refuse
 */
public record SafetyRules(boolean allowRemote, Set<String> protectedDatabases) {
    /** Databases every PostgreSQL cluster needs. */
    public static final List<String> SYSTEM_DATABASES = List.of("postgres", "template0", "template1");

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern IPV6_LOOPBACK =
            Pattern.compile("(0{0,4}:){2,7}0{0,3}1|::1|::ffff:127(\\.\\d{1,3}){3}");

    public SafetyRules {
        protectedDatabases = Set.copyOf(protectedDatabases);
    }

    public static SafetyRules defaults() {
        return new SafetyRules(false, Set.of());
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
                                + "this machine (localhost, a loopback address or a Unix socket). pgreset drops databases, so "
                                + "remote servers need consent: set pgreset.allowRemote=true (<allowRemote>true</allowRemote>) "
                                + "if this server is meant.");
            }
        }
    }

    /** Refuses to drop or recreate a system, maintenance or protected database. */
    public void checkDroppable(Target target, String maintenanceDatabase) {
        String name = target.database().value();
        Set<String> refused = new LinkedHashSet<>(SYSTEM_DATABASES);
        if (maintenanceDatabase != null) {
            refused.add(maintenanceDatabase);
        }
        if (refused.contains(name)) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    "Refusing to drop " + target.describe() + ": "
                            + (SYSTEM_DATABASES.contains(name)
                                    ? "it is a system database every PostgreSQL cluster needs."
                                    : "the plugin connects to it as its maintenance database (pgreset.maintenanceDatabase).")
                            + " Point pgreset.database or pgreset.url at the database you want to reset.");
        }
        if (protectedDatabases.contains(name)) {
            throw new PgResetException(
                    Problem.REFUSED_TARGET,
                    "Refusing to drop " + target.describe() + ": it is "
                            + "listed in pgreset.protectedDatabases. Remove it from that list if it really is to be reset.");
        }
    }

    /** localhost, *.localhost, 127.0.0.0/8, ::1 and Unix socket paths. No DNS look-up is made. */
    public static boolean isLocal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.isEmpty()
                || h.startsWith("/")
                || h.equals("localhost")
                || h.endsWith(".localhost")
                || IPV4_LOOPBACK.matcher(h).matches()
                || IPV6_LOOPBACK.matcher(h).matches();
    }
}
