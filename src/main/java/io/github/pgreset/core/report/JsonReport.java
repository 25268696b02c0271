package io.github.pgreset.core.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.session.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

/**
 * Writes a {@link GoalReport} as JSON, for a CI job to keep as an artifact. Field names are the report's contract:
 * {@code goal, outcome, database, server, user, serverVersion, dryRun, sessions[], terminated, dropped, created,
 * method, statements[], startedAt, millis (what the log's result line gives), goalMillis (the whole goal,
 * connecting included), error}, and in a dry run {@code wouldTerminate} (how many of the sessions
 * the goal would end; {@code terminated} is then 0). The password is not part of the report.
 */
public final class JsonReport {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonReport() {}

    /** Writes the report to {@code file}, creating its folder, replacing an earlier report. */
    public static void write(GoalReport report, Path file) {
        write(file, out -> write(report, out));
    }

    /** Writes the reports of a goal run on several databases (pgreset.databases) as a JSON array. */
    public static void write(java.util.List<GoalReport> reports, Path file) {
        write(file, out -> {
            try (JsonGenerator json =
                    JSON.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
                json.writeStartArray();
                for (GoalReport report : reports) {
                    writeObject(json, report);
                }
                json.writeEndArray();
            }
        });
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void write(Path file, Body body) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                body.writeTo(out);
            }
        } catch (IOException e) {
            throw new PgResetException(
                    Problem.REPORT_NOT_WRITTEN,
                    "Could not write the report to " + file.toAbsolutePath() + ": " + e.getMessage()
                            + ". Point pgreset.reportFile at a writable path.",
                    e);
        }
    }

    static void write(GoalReport report, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
            writeObject(json, report);
        }
    }

    private static void writeObject(JsonGenerator json, GoalReport report) throws IOException {
        json.writeStartObject();
        json.writeStringField("goal", report.goal());
        json.writeStringField("outcome", report.outcome().name().toLowerCase(java.util.Locale.ROOT));
        json.writeStringField("database", report.database());
        json.writeStringField("server", report.server());
        json.writeStringField("user", report.user());
        json.writeStringField(
                "serverVersion",
                report.serverVersion() == null ? null : report.serverVersion().toString());
        json.writeBooleanField("dryRun", report.dryRun());
        json.writeArrayFieldStart("sessions");
        for (Session session : report.sessions()) {
            writeSession(json, session);
        }
        json.writeEndArray();
        json.writeNumberField("terminated", report.terminated());
        if (report.dryRun()) {
            json.writeNumberField("wouldTerminate", report.sessions().size());
        }
        json.writeBooleanField("dropped", report.dropped());
        json.writeBooleanField("created", report.created());
        json.writeStringField("method", report.method());
        json.writeArrayFieldStart("statements");
        for (String statement : report.statements()) {
            json.writeString(statement);
        }
        json.writeEndArray();
        json.writeStringField("startedAt", report.startedAt().toString());
        // the span the log's result line gives, and the whole goal, connecting included
        json.writeNumberField("millis", report.work().toMillis());
        json.writeNumberField("goalMillis", report.elapsed().toMillis());
        json.writeStringField("error", report.error());
        json.writeEndObject();
    }

    private static void writeSession(JsonGenerator json, Session session) throws IOException {
        json.writeStartObject();
        json.writeNumberField("pid", session.pid());
        json.writeStringField("user", session.user());
        json.writeStringField("application", session.applicationName());
        json.writeStringField("client", session.clientAddress());
        json.writeStringField("state", session.state());
        json.writeStringField("backendStart", text(session.backendStart()));
        json.writeStringField("stateChange", text(session.stateChange()));
        json.writeStringField("waitEvent", session.waitEvent());
        json.writeStringField("query", session.query());
        json.writeBooleanField("superuser", session.superuser());
        json.writeEndObject();
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    /** For tests: the report as a string. */
    static String toJson(GoalReport report) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
