package io.github.pgreset.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pgreset.core.connection.ConnectionSettings;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.HostPort;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SafetyRules;
import io.github.pgreset.core.connection.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One goal on several databases: an outcome per database, in the order given, one failure hiding no other. */
class EachDatabaseTest {
    private static final ResetSettings BASE = new ResetSettings(
            new Target(
                    new ConnectionSettings(List.of(new HostPort("localhost", 5432)), "app", null, null, Map.of()),
                    new DatabaseName("chat_1")),
            Duration.ofSeconds(5),
            true,
            SafetyRules.defaults());

    @Test
    void eachDatabaseGetsItsOwnServiceAndOutcomeInOrder() {
        List<DatabaseName> databases = List.of(
                new DatabaseName("chat_1"),
                new DatabaseName("chat_2"),
                new DatabaseName("chat_3"),
                new DatabaseName("chat_4"),
                new DatabaseName("chat_5"));
        List<EachDatabase.Outcome<String>> outcomes =
                EachDatabase.run(BASE, databases, ProgressListener.silent(), service -> {
                    String name = service.target().database().value();
                    if (name.equals("chat_2")) {
                        throw new PgResetException(Problem.DATABASE_IN_USE, "busy: " + name);
                    }
                    if (name.equals("chat_4")) {
                        throw new IllegalStateException("bug");
                    }
                    return name;
                });
        assertThat(outcomes).extracting(EachDatabase.Outcome::database).isEqualTo(databases);
        assertThat(outcomes)
                .extracting(EachDatabase.Outcome::result)
                .containsExactly("chat_1", null, "chat_3", null, "chat_5");
        assertThat(outcomes.get(1).failure().problem()).isEqualTo(Problem.DATABASE_IN_USE);
        assertThat(outcomes.get(3).failure().problem()).isEqualTo(Problem.SERVER_ERROR);
        assertThat(outcomes.get(3).failure().getMessage())
                .isEqualTo("Unexpected failure on database \"chat_4\": java.lang.IllegalStateException: bug");
        assertThat(outcomes.get(0).failure()).isNull();
    }
}
