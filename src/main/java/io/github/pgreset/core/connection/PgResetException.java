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
}
