package io.github.pgreset.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.pgreset.core.connection.ConnectionRequest;
import io.github.pgreset.core.connection.ConnectionSettings;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.HostPort;
import io.github.pgreset.core.connection.LibpqEnvironment;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.ServerVersion;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.drop.DropMethod;
import io.github.pgreset.core.drop.DropResult;
import io.github.pgreset.core.drop.RecreateResult;
import io.github.pgreset.core.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
    private static final Target TARGET = new Target(
            new ConnectionSettings(List.of(new HostPort("localhost", 5432)), "app", "s3cret-pw", null, Map.of()),
            new DatabaseName("chat"));
    private static final Session PSQL = new Session(
            4711,
            "app",
            "psql",
            "127.0.0.1",
            "active",
            OffsetDateTime.parse("2026-11-24T10:00:00Z"),
            OffsetDateTime.parse("2026-11-24T10:05:00Z"),
            "Client:ClientRead",
            "SELECT 'a \"quoted\"\n\tmultiline' AS ünïcode",
            false,
            true);

    private static GoalReport recreate() {
        DropResult drop = new DropResult(
                new DatabaseName("chat"),
                new ServerVersion(150013),
                DropResult.Outcome.DROPPED,
                DropMethod.FORCE,
                List.of(PSQL),
                List.of("DROP DATABASE \"chat\" WITH (FORCE)"),
                1,
                Duration.ofMillis(30));
        RecreateResult result = new RecreateResult(drop, "CREATE DATABASE \"chat\"", false, Duration.ofMillis(45));
        return GoalReport.of(
                "recreate", TARGET, result, new GoalClock(Instant.parse("2026-11-24T10:06:00Z"), System.nanoTime()));
    }

    @Test
    void recreateReportHoldsWhatWasSeenAndDone() throws IOException {
        Map<String, Object> fields = topLevel(JsonReport.toJson(recreate()));

        assertThat(fields)
                .containsEntry("goal", "recreate")
                .containsEntry("outcome", "succeeded")
                .containsEntry("database", "chat")
                .containsEntry("server", "localhost:5432")
                .containsEntry("user", "app")
                .containsEntry("serverVersion", "15.13")
                .containsEntry("dryRun", false)
                .containsEntry("terminated", 1)
                .containsEntry("dropped", true)
                .containsEntry("created", true)
                .containsEntry("method", "DROP DATABASE ... WITH (FORCE)")
                .containsEntry("startedAt", "2026-11-24T10:06:00Z")
                .containsEntry("error", null)
                // the log's "Recreated ... in 45 ms" is the same span; goalMillis is the whole goal, connecting
                // included
                .containsEntry("millis", 45)
                .containsKeys("sessions", "statements", "goalMillis");
    }

    @Test
    void textIsEscapedAndReadBackUnchanged() throws IOException {
        String json = JsonReport.toJson(recreate());
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            String query = null;
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && "query".equals(parser.currentName())) {
                    parser.nextToken();
                    query = parser.getText();
                }
            }
            assertThat(query).isEqualTo(PSQL.query());
        }
    }

    @Test
    void eachSessionHasEveryFieldAndADryRunSaysWhatItWouldEnd() {
        String json = JsonReport.toJson(recreate()).replaceAll("\\s+", " ");

        assertThat(json)
                .contains(
                        "\"pid\" : 4711, \"user\" : \"app\", \"application\" : \"psql\", \"client\" : \"127.0.0.1\", "
                                + "\"state\" : \"active\", \"backendStart\" : \"2026-11-24T10:00Z\", "
                                + "\"stateChange\" : \"2026-11-24T10:05Z\", \"waitEvent\" : \"Client:ClientRead\", \"query\" : ")
                .contains("\"superuser\" : false }")
                .contains("\"startedAt\" : \"2026-11-24T10:06:00Z\"")
                .doesNotContain("wouldTerminate");

        DropResult planned = new DropResult(
                new DatabaseName("chat"),
                new ServerVersion(150013),
                DropResult.Outcome.PLANNED,
                DropMethod.FORCE,
                List.of(PSQL, PSQL),
                List.of("DROP DATABASE \"chat\" WITH (FORCE)"),
                0,
                Duration.ZERO);
        String dryRun = JsonReport.toJson(GoalReport.of("drop", TARGET, planned, GoalClock.start()));
        assertThat(dryRun).contains("\"terminated\" : 0", "\"wouldTerminate\" : 2", "\"dryRun\" : true");
    }

    @Test
    void connectionDescriptionsSayWhetherAPasswordIsSetAndNeverWhichOne() {
        assertThat(TARGET.connection().toString())
                .isEqualTo("ConnectionSettings[app@localhost:5432, password set, maintenanceDatabase=null]");
        assertThat(new ConnectionSettings(List.of(new HostPort("::1", 5433)), "app", null, "admin", Map.of())
                        .toString())
                .isEqualTo("ConnectionSettings[app@[::1]:5433, password not set, maintenanceDatabase=admin]");
        assertThat(new ConnectionRequest("jdbc:postgresql:chat", null, "app", "s3cret-pw", null).toString())
                .contains("password=set")
                .doesNotContain("s3cret-pw");
        assertThat(new ConnectionRequest(null, null, null, null, null).toString())
                .contains("password=not set");
        assertThat(LibpqEnvironment.of(Map.of("PGPASSWORD", "s3cret-pw", "PGUSER", "app"))
                        .toString())
                .contains("PGUSER=app", "PGPASSWORD=set")
                .doesNotContain("s3cret-pw");
        assertThat(LibpqEnvironment.none().toString()).contains("PGPASSWORD=not set");
    }

    @Test
    void thePasswordIsNotInTheReport() {
        assertThat(JsonReport.toJson(recreate())).doesNotContain("s3cret-pw");
        assertThat(JsonReport.toJson(
                        GoalReport.failed("drop", TARGET, "Refusing to drop database \"chat\"", GoalClock.start())))
                .doesNotContain("s3cret-pw")
                .contains("\"outcome\" : \"failed\"");
    }

    @Test
    void aFailureBeforeTheTargetIsKnownStillWrites(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nested/report.json");
        JsonReport.write(GoalReport.failed("recreate", null, "no URL", GoalClock.start()), file);
        assertThat(topLevel(Files.readString(file)))
                .containsEntry("database", null)
                .containsEntry("error", "no URL");
    }

    @Test
    void anUnwritablePathTellsWhichParameterToChange(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("a-file")).resolve("report.json");
        assertThatThrownBy(() -> JsonReport.write(recreate(), file))
                .isInstanceOf(PgResetException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("pgreset.reportFile");
    }

    /** Top-level scalar fields as Java values; arrays and objects as their field name only. */
    private static Map<String, Object> topLevel(String json) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (value) {
                    case START_ARRAY, START_OBJECT -> {
                        parser.skipChildren();
                        fields.put(name, Set.of());
                    }
                    case VALUE_STRING -> fields.put(name, parser.getText());
                    case VALUE_NUMBER_INT -> fields.put(name, parser.getIntValue());
                    case VALUE_TRUE, VALUE_FALSE -> fields.put(name, parser.getBooleanValue());
                    case VALUE_NULL -> fields.put(name, null);
                    default -> throw new AssertionError("unexpected " + value);
                }
            }
        }
        return fields;
    }

    @Test
    void severalDatabasesMakeOneArrayOfReports(@org.junit.jupiter.api.io.TempDir Path temp) throws IOException {
        Path file = temp.resolve("report.json");
        JsonReport.write(
                java.util.List.of(
                        GoalReport.failed("drop", null, "first", GoalClock.start()),
                        GoalReport.failed("drop", null, "second", GoalClock.start())),
                file);
        String json = Files.readString(file);
        assertThat(json.strip()).startsWith("[").endsWith("]");
        assertThat(json).contains("\"first\"", "\"second\"");
    }
}
