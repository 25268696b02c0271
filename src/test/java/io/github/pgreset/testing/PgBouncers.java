package io.github.pgreset.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The PgBouncers in front of the test servers, listed in {@value #VARIABLE} as {@code mode@host:port} ({@code
 * session@127.0.0.1:64312 transaction@127.0.0.1:65312 ...}); {@code .ci/start-postgres.sh} starts Debian's pgbouncer
 * so, in front of every server it starts. Each forwards every database name to the same name on its server and trusts
 * its clients.
 */
public final class PgBouncers {
    public static final String VARIABLE = "PGRESET_TEST_PGBOUNCERS";

    public enum Mode {
        SESSION,
        TRANSACTION
    }

    private PgBouncers() {}

    /**
     * The PgBouncer in {@code mode} in front of {@code server}, as a server whose host and port are PgBouncer's. Without
     * {@value #VARIABLE} the calling test is not run, and says how to run it; with it, a server that has no PgBouncer
     * in front of it fails the test.
     */
    public static PgServer inFrontOf(PgServer server, Mode mode) {
        String listed = System.getenv(VARIABLE);
        assumeTrue(
                listed != null && !listed.isBlank(),
                "Not run: no PgBouncer. Install PgBouncer (Debian: apt-get install pgbouncer) and list it in "
                        + VARIABLE
                        + " as mode@host:port, in front of the test servers in pool_mode=session and =transaction, "
                        + "as .ci/start-postgres.sh does.");
        for (String entry : listed.trim().split("\\s+")) {
            String[] modeAndAddress = entry.split("@", 2);
            if (!modeAndAddress[0].toUpperCase(Locale.ROOT).equals(mode.name())) {
                continue;
            }
            int colon = modeAndAddress[1].lastIndexOf(':');
            PgServer bouncer = new PgServer(
                    server.version(),
                    modeAndAddress[1].substring(0, colon),
                    Integer.parseInt(modeAndAddress[1].substring(colon + 1)),
                    server.user(),
                    server.password(),
                    "PgBouncer " + entry);
            if (serverPort(bouncer) == server.port()) {
                return bouncer;
            }
        }
        throw new AssertionError("No PgBouncer in pool_mode=" + mode.name().toLowerCase(Locale.ROOT) + " in front of "
                + server + " in " + VARIABLE + "=" + listed);
    }

    /** The port of the server behind a PgBouncer. */
    private static int serverPort(PgServer bouncer) {
        try (Connection c = bouncer.connect("postgres", "pgreset-test");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError("PgBouncer at " + bouncer.host() + ":" + bouncer.port() + " does not answer", e);
        }
    }
}
