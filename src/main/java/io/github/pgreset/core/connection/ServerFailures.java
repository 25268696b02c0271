package io.github.pgreset.core.connection;

import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Every SQLException the plugin meets, as a {@link PgResetException} the user can act on: what failed, where (host,
 * port, database; never the password) and what to do. Which SQLSTATE means what is {@link SqlState}'s.
 */
public final class ServerFailures {
    private ServerFailures() {}

    /**
     * A failure of a statement on the maintenance connection ({@code database}), as the user should read it: what
     * failed, where, and what to do.
     *
     * @param stopped whether the JVM stopped the goal (the statement was canceled for that)
     */
    static PgResetException of(
            SQLException e, String action, Target target, String database, Deadline deadline, boolean stopped) {
        String where = " (" + target.describe() + ", connected to " + database + ")";
        String server = serverText(e);
        if (stopped) {
            return new PgResetException(
                    Problem.STOPPED,
                    action + " was canceled: pgreset was stopped (Ctrl-C, or the process was asked to end)" + where
                            + ".",
                    e);
        }
        if (SqlState.connectionLost(e)) {
            return new PgResetException(
                    Problem.UNREACHABLE,
                    action + " failed: the connection to " + target.connection().location() + " broke: " + server
                            + ". Is the server still running? Check the database with mvn pgreset:sessions and run the "
                            + "goal again.",
                    e);
        }
        if (SqlState.sessionEndedByServer(e)) {
            return new PgResetException(
                    Problem.UNREACHABLE,
                    action + " failed: the server at " + target.connection().location() + " ended the plugin's "
                            + "session (" + server + "): it is shutting down or restarting, or someone terminated "
                            + "the session. Nothing more was done; check the database with mvn pgreset:sessions and "
                            + "run the goal again.",
                    e);
        }
        if (SqlState.timedOut(e)) {
            return new PgResetException(
                    Problem.TIMEOUT,
                    action + " did not finish within " + deadline.describe() + where + ": " + server
                            + ". Raise pgreset.timeout, or find the session that holds a lock on the database with "
                            + "mvn pgreset:sessions.",
                    e);
        }
        if (SqlState.INSUFFICIENT_PRIVILEGE.is(e)) {
            return new PgResetException(
                    Problem.PERMISSION_DENIED,
                    action + " failed" + where + ": " + server
                            + ". Run as the database's owner or a superuser (pgreset.username), or grant the "
                            + "privilege named above to " + target.connection().user() + ".",
                    e);
        }
        if (SqlState.INVALID_CATALOG_NAME.is(e)) {
            return new PgResetException(Problem.DATABASE_MISSING, action + " failed" + where + ": " + server, e);
        }
        if (SqlState.READ_ONLY_SQL_TRANSACTION.is(e)) {
            return new PgResetException(
                    Problem.UNSUPPORTED,
                    action + " failed" + where + ": " + server
                            + ". The server is read-only (a standby, or default_transaction_read_only is on); point "
                            + "pgreset.url at the primary.",
                    e);
        }
        return new PgResetException(Problem.SERVER_ERROR, action + " failed" + where + ": " + server + code(e), e);
    }

    public static PgResetException connectFailure(SQLException e, ConnectionSettings settings, String database) {
        String where = settings.location();
        String server = serverText(e);
        if (e.getCause() instanceof UnknownHostException) {
            return new PgResetException(
                    Problem.UNREACHABLE,
                    "Cannot connect to " + where + ": unknown host. " + "Check the host in pgreset.url (or PGHOST).",
                    e);
        }
        if (SqlState.CONNECTION_REJECTED.is(e) && settings.password() == null) {
            // pgjdbc's "The server requested SCRAM-based authentication, but no password was provided."
            return new PgResetException(
                    Problem.AUTHENTICATION,
                    "PostgreSQL at " + where + " asks role " + settings.user() + " for a password (database "
                            + database + "), and none was given: " + server + ". Give it with a settings.xml <server> "
                            + "(pgreset.serverId), pgreset.password, PGPASSWORD or ~/.pgpass.",
                    e);
        }
        String sslMode = settings.driverProperties().get("sslmode");
        if (SqlState.CONNECTION_REJECTED.is(e)
                && List.of("require", "verify-ca", "verify-full").contains(sslMode)) {
            // pgjdbc's "The server does not support SSL."
            return new PgResetException(
                    Problem.UNREACHABLE,
                    "Cannot connect to PostgreSQL at " + where + " with sslmode=" + sslMode + " (pgreset.url's, or "
                            + "PGSSLMODE without a url): " + server + ". Turn ssl on in the server's postgresql.conf, "
                            + "or ask for less: sslmode=prefer (or disable) in pgreset.url, or PGSSLMODE.",
                    e);
        }
        if (SqlState.authenticationFailed(e)) {
            return new PgResetException(
                    Problem.AUTHENTICATION,
                    "PostgreSQL at " + where + " refused role " + settings.user() + " (database " + database + "): "
                            + server + ". Give the right credentials with pgreset.username and pgreset.password, a "
                            + "settings.xml <server> (pgreset.serverId), PGUSER/PGPASSWORD or ~/.pgpass.",
                    e);
        }
        if (SqlState.INVALID_CATALOG_NAME.is(e)) {
            return new PgResetException(
                    Problem.DATABASE_MISSING,
                    "Cannot connect to the maintenance database \"" + database + "\" on " + where + ": " + server
                            + ". Set pgreset.maintenanceDatabase to a database that exists.",
                    e);
        }
        if (SqlState.connectionLost(e)) {
            return new PgResetException(
                    Problem.UNREACHABLE,
                    "Cannot connect to PostgreSQL at " + where + ": " + server
                            + ". Is the server running and listening there? Check pgreset.url (or PGHOST/PGPORT).",
                    e);
        }
        return new PgResetException(
                Problem.SERVER_ERROR,
                "Cannot connect to PostgreSQL at " + where + " as " + settings.user() + ": " + server + code(e),
                e);
    }

    /** {@code " [SQLSTATE 42P01]"} for a failure the plugin has no words of its own for; empty without a code. */
    private static String code(SQLException e) {
        return e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
    }

    /**
     * The server's message with its DETAIL and HINT, without a closing full stop (the messages that quote it go on
     * with a sentence of their own); pgjdbc never puts the password in these.
     */
    public static String serverText(SQLException e) {
        String text = fullServerText(e).strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static String fullServerText(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage m = psql.getServerErrorMessage();
            StringBuilder text = new StringBuilder(String.valueOf(m.getMessage()));
            if (m.getDetail() != null) {
                text.append(" (").append(m.getDetail()).append(")");
            }
            if (m.getHint() != null) {
                text.append(" Hint: ").append(m.getHint());
            }
            return text.toString();
        }
        return String.valueOf(e.getMessage());
    }
}
