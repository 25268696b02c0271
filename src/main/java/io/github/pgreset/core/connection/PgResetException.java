package io.github.pgreset.core.connection;

/**
 * A failure the user can act on. The message says what failed, where (host, port, database; never a password)
 * and what to do about it.
 */
public class PgResetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Problem problem;

    public PgResetException(Problem problem, String message) {
        this(problem, message, null);
    }

    public PgResetException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /**
     * The database a goal works on is not there: {@code opening} says which, the message says to check its name
     * (PostgreSQL's names are case-sensitive), and {@code orElse} (", or ..." or ", and ...", possibly empty) what else
     * fixes it.
     */
    public static PgResetException databaseMissing(String opening, String orElse) {
        return new PgResetException(
                Problem.DATABASE_MISSING,
                opening + " Check pgreset.database / pgreset.url (names are case-sensitive)" + orElse + ".");
    }
}
