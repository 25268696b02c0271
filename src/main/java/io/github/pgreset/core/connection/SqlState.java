package io.github.pgreset.core.connection;

import java.net.SocketException;
import java.sql.SQLException;

/**
 * The SQLSTATEs pgreset acts on, each named once (PostgreSQL's {@code errcodes.txt}), and the classes of failure it
 * tells apart. No other class spells a code.
 */
public enum SqlState {
    /** The database is in use: sessions, a prepared transaction, a slot (DROP, RENAME, CREATE ... TEMPLATE). */
    OBJECT_IN_USE("55006"),
    INSUFFICIENT_PRIVILEGE("42501"),
    /** A lock was not granted within lock_timeout. */
    LOCK_NOT_AVAILABLE("55P03"),
    /** statement_timeout, or a cancel request. */
    QUERY_CANCELED("57014"),
    /** The database does not exist. */
    INVALID_CATALOG_NAME("3D000"),
    READ_ONLY_SQL_TRANSACTION("25006"),
    /** Raised on purpose by a check that finds a session where none may be ({@code SessionQueries.NOBODY_ON}). */
    DIVISION_BY_ZERO("22012"),
    /** ROLLBACK TO a savepoint the transaction has not set. */
    NO_SUCH_SAVEPOINT("3B001"),
    INVALID_PASSWORD("28P01"),
    /** The role does not exist, or pg_hba.conf refuses it. */
    INVALID_AUTHORIZATION_SPECIFICATION("28000"),
    /** pgjdbc: the server asked for a password and none was given. */
    CONNECTION_REJECTED("08004"),
    ADMIN_SHUTDOWN("57P01"),
    CRASH_SHUTDOWN("57P02"),
    CANNOT_CONNECT_NOW("57P03");

    /** The class of every connection failure, pgjdbc's included. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    public boolean is(SQLException e) {
        return code.equals(e.getSQLState());
    }

    /** The connection broke or could not be made (class 08, or the socket failed under the driver). */
    static boolean connectionLost(SQLException e) {
        return (e.getSQLState() != null && e.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS))
                || e.getCause() instanceof SocketException;
    }

    /** The server ended the session: shutting down, restarting, or someone terminated it. */
    static boolean sessionEndedByServer(SQLException e) {
        return ADMIN_SHUTDOWN.is(e) || CRASH_SHUTDOWN.is(e) || CANNOT_CONNECT_NOW.is(e);
    }

    /** A wait ran out: a lock not granted in time, or a statement cancelled by its timeout. */
    public static boolean timedOut(SQLException e) {
        return LOCK_NOT_AVAILABLE.is(e) || QUERY_CANCELED.is(e);
    }

    /** The authentication failed: a wrong password, or a role the server does not let in. */
    static boolean authenticationFailed(SQLException e) {
        return INVALID_PASSWORD.is(e) || INVALID_AUTHORIZATION_SPECIFICATION.is(e);
    }
}
