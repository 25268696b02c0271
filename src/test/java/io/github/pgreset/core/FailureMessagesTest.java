package io.github.pgreset.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.ConnectionSettings;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.HostPort;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.Sentences;
import io.github.pgreset.core.connection.ServerFailures;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreatePlanner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** The messages a user reads when connecting or creating fails: the cause said once, the fix that fits it. */
class FailureMessagesTest {
    private static final ConnectionSettings NO_PASSWORD =
            new ConnectionSettings(List.of(new HostPort("localhost", 5432)), "app", null, null, Map.of());
    private static final ConnectionSettings WITH_PASSWORD =
            new ConnectionSettings(List.of(new HostPort("localhost", 5432)), "app", "secret", null, Map.of());

    @Test
    void noPasswordAnywhereIsSaidAsSuchNotAsAnUnreachableServer() {
        PSQLException pgjdbc = new PSQLException(
                "The server requested SCRAM-based authentication, but no password was provided.",
                PSQLState.CONNECTION_REJECTED);

        PgResetException failure = ServerFailures.connectFailure(pgjdbc, NO_PASSWORD, "postgres");

        assertThat(failure.problem()).isEqualTo(Problem.AUTHENTICATION);
        assertThat(failure.getMessage())
                .isEqualTo("PostgreSQL at localhost:5432 asks role app for a password (database postgres), and none "
                        + "was given: The server requested SCRAM-based authentication, but no password was provided. "
                        + "Give it with a settings.xml <server> (pgreset.serverId), pgreset.password, PGPASSWORD or "
                        + "~/.pgpass.");
    }

    @Test
    void aServerWithoutTlsIsNotCalledUnreachableWhenSslmodeAsksForIt() {
        PSQLException pgjdbc = new PSQLException("The server does not support SSL.", PSQLState.CONNECTION_REJECTED);
        ConnectionSettings requiring = new ConnectionSettings(
                List.of(new HostPort("localhost", 5432)), "app", "secret", null, Map.of("sslmode", "require"));

        PgResetException failure = ServerFailures.connectFailure(pgjdbc, requiring, "postgres");

        assertThat(failure.getMessage())
                .isEqualTo(
                        "Cannot connect to PostgreSQL at localhost:5432 with sslmode=require (pgreset.url's, or "
                                + "PGSSLMODE without a url): The server does not support SSL. Turn ssl on in the server's "
                                + "postgresql.conf, or ask for less: sslmode=prefer (or disable) in pgreset.url, or PGSSLMODE.");
    }

    @Test
    void aRefusedConnectionEndsOneSentenceBeforeTheAdvice() {
        PSQLException refused = new PSQLException(
                "Connection to localhost:5432 refused. Check that the hostname and port are correct and that the "
                        + "postmaster is accepting TCP/IP connections.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT);

        PgResetException failure = ServerFailures.connectFailure(refused, WITH_PASSWORD, "postgres");

        assertThat(failure.problem()).isEqualTo(Problem.UNREACHABLE);
        assertThat(failure.getMessage())
                .doesNotContain("..")
                .endsWith("accepting TCP/IP connections. Is the server running and listening there? Check pgreset.url "
                        + "(or PGHOST/PGPORT).")
                .doesNotContain("secret");
    }

    @Test
    void aBrokenConnectionDuringCreateIsNotBlamedOnTheOptions() {
        Target target = new Target(WITH_PASSWORD, new DatabaseName("chat"));
        DropResult.Outcome dropped = DropResult.Outcome.DROPPED;

        PgResetException broken = RecreatePlanner.createFailed(
                new PgResetException(Problem.UNREACHABLE, "Creating database \"chat\" failed: the connection broke."),
                dropped);
        PgResetException badOption = RecreatePlanner.createFailed(
                new PgResetException(Problem.SERVER_ERROR, "Creating database \"chat\" failed: invalid locale name"),
                dropped);

        assertThat(broken.getMessage())
                .isEqualTo("Creating database \"chat\" failed: the connection broke. The old database was dropped. "
                        + "Run pgreset:recreate again.");
        assertThat(badOption.getMessage())
                .isEqualTo("Creating database \"chat\" failed: invalid locale name. The old database was dropped. Fix "
                        + "the CREATE DATABASE options (pgreset.owner, template, encoding, locale, tablespace ...) "
                        + "and run pgreset:recreate again.");
        assertThat(badOption.problem()).isEqualTo(Problem.SERVER_ERROR);
    }

    @Test
    void sentencesEndOnceAndCountsAgree() {
        assertThat(Sentences.end("refused.")).isEqualTo("refused.");
        assertThat(Sentences.end("refused")).isEqualTo("refused.");
        assertThat(Sentences.end("why? ")).isEqualTo("why?");
        assertThat(Sentences.count(1, "database")).isEqualTo("1 database");
        assertThat(Sentences.count(0, "session")).isEqualTo("0 sessions");
        assertThat(Sentences.count(10, "session")).isEqualTo("10 sessions");
    }
}
