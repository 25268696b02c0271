package io.github.pgreset.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** How a failed statement or connection attempt is told: the problem, and the fix for each SQLSTATE pgreset knows. */
class ServerFailuresTest {
    private static final ConnectionSettings SETTINGS =
            new ConnectionSettings(List.of(new HostPort("db.local", 5433)), "app", null, null, Map.of());
    private static final ConnectionSettings WITH_PASSWORD =
            new ConnectionSettings(List.of(new HostPort("db.local", 5433)), "app", "secret", null, Map.of());
    private static final Target TARGET = new Target(SETTINGS, new DatabaseName("chat"));

    private static PgResetException of(SQLException e) {
        return ServerFailures.of(
                e, "Dropping database \"chat\"", TARGET, "postgres", Deadline.after(Duration.ofSeconds(30)), false);
    }

    @Test
    void eachSqlStateIsToldWithItsFix() {
        assertThat(of(new SQLException("gone", "08006")).problem()).isEqualTo(Problem.UNREACHABLE);
        assertThat(of(new SQLException("gone", "08006")).getMessage())
                .startsWith("Dropping database \"chat\" failed: the connection to db.local:5433 broke: gone.");
        assertThat(of(new SQLException("x", null, new SocketException("reset"))).problem())
                .isEqualTo(Problem.UNREACHABLE);
        for (String state : List.of("57P01", "57P02", "57P03")) {
            assertThat(of(new SQLException("terminating", state)).getMessage())
                    .contains("ended the plugin's session (terminating)");
        }
        PgResetException timeout = of(new SQLException("canceling statement", "57014"));
        assertThat(timeout.problem()).isEqualTo(Problem.TIMEOUT);
        assertThat(timeout.getMessage())
                .isEqualTo("Dropping database \"chat\" did not finish within pgreset.timeout (30 s) (database \"chat\" "
                        + "on db.local:5433, connected to postgres): canceling statement. Raise pgreset.timeout, or "
                        + "find the session that holds a lock on the database with mvn pgreset:sessions.");
        assertThat(of(new SQLException("lock", "55P03")).problem()).isEqualTo(Problem.TIMEOUT);
        PgResetException denied = of(new SQLException("must be owner", "42501"));
        assertThat(denied.problem()).isEqualTo(Problem.PERMISSION_DENIED);
        assertThat(denied.getMessage()).endsWith("grant the privilege named above to app.");
        assertThat(of(new SQLException("does not exist", "3D000")).problem()).isEqualTo(Problem.DATABASE_MISSING);
        assertThat(of(new SQLException("read-only", "25006")).getMessage())
                .contains("point pgreset.url at the primary");
        PgResetException other = of(new SQLException("syntax", "42601"));
        assertThat(other.problem()).isEqualTo(Problem.SERVER_ERROR);
        assertThat(other.getMessage()).endsWith(": syntax [SQLSTATE 42601]");
        assertThat(of(new SQLException("odd")).getMessage()).endsWith(": odd");
    }

    @Test
    void aStatementCanceledBecauseTheGoalWasStoppedSaysSo() {
        PgResetException stopped = ServerFailures.of(
                new SQLException("canceling statement due to user request", "57014"),
                "Copying database \"chat\"",
                TARGET,
                "postgres",
                Deadline.after(Duration.ofSeconds(30)),
                true);
        assertThat(stopped.problem()).isEqualTo(Problem.STOPPED);
        assertThat(stopped.getMessage()).startsWith("Copying database \"chat\" was canceled: pgreset was stopped");
    }

    @Test
    void aConnectionThatFailsNamesTheSettingToFix() {
        assertThat(ServerFailures.connectFailure(
                                new SQLException("x", "08001", new UnknownHostException("db.local")),
                                SETTINGS,
                                "postgres")
                        .getMessage())
                .isEqualTo("Cannot connect to db.local:5433: unknown host. Check the host in pgreset.url (or PGHOST).");
        PgResetException noPassword = ServerFailures.connectFailure(
                new SQLException("The server requested SCRAM-based authentication", "08004"), SETTINGS, "postgres");
        assertThat(noPassword.problem()).isEqualTo(Problem.AUTHENTICATION);
        assertThat(noPassword.getMessage()).contains("asks role app for a password", "~/.pgpass");
        PgResetException refused = ServerFailures.connectFailure(
                new SQLException("password authentication failed", "28P01"), WITH_PASSWORD, "postgres");
        assertThat(refused.problem()).isEqualTo(Problem.AUTHENTICATION);
        assertThat(refused.getMessage()).startsWith("PostgreSQL at db.local:5433 refused role app (database postgres)");
        assertThat(refused.getMessage()).doesNotContain("secret");
        assertThat(ServerFailures.connectFailure(new SQLException("no", "28000"), WITH_PASSWORD, "postgres")
                        .problem())
                .isEqualTo(Problem.AUTHENTICATION);
        assertThat(ServerFailures.connectFailure(new SQLException("missing", "3D000"), SETTINGS, "maint")
                        .getMessage())
                .contains("maintenance database \"maint\"", "pgreset.maintenanceDatabase");
        assertThat(ServerFailures.connectFailure(new SQLException("refused", "08001"), SETTINGS, "postgres")
                        .problem())
                .isEqualTo(Problem.UNREACHABLE);
        PgResetException other = ServerFailures.connectFailure(new SQLException("odd", "XX000"), SETTINGS, "postgres");
        assertThat(other.problem()).isEqualTo(Problem.SERVER_ERROR);
        assertThat(other.getMessage())
                .isEqualTo("Cannot connect to PostgreSQL at db.local:5433 as app: odd [SQLSTATE XX000]");
    }

    @Test
    void theServersTextKeepsDetailAndHintWithoutTheLastFullStop() {
        ServerErrorMessage message =
                new ServerErrorMessage("SERROR\0C55006\0Mdatabase \"chat\" is being accessed by other users\0"
                        + "DThere is 1 other session using the database.\0Hclose it.\0");
        assertThat(ServerFailures.serverText(new PSQLException(message)))
                .isEqualTo("database \"chat\" is being accessed by other users (There is 1 other session using the "
                        + "database.) Hint: close it");
        assertThat(ServerFailures.serverText(new SQLException("plain."))).isEqualTo("plain");
        assertThat(ServerFailures.serverText(new PSQLException(new ServerErrorMessage("SERROR\0C55006\0Mbusy\0"))))
                .isEqualTo("busy");
    }
}
