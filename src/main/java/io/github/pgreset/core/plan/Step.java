package io.github.pgreset.core.plan;

import io.github.pgreset.core.connection.MaintenanceConnection;
import java.sql.SQLException;
import java.util.List;

/**
 * One step of a goal's {@link Plan}: what it is for, the statements it sends, and how a real run carries it out. A
 * dry run prints {@link #purpose} and {@link #statements}; a real run runs {@link #action}, which sends exactly those
 * statements (retrying them where the step says so).
 *
 * @param name a short name, e.g. {@code close}, which logs and tests use to point at the step
 * @param leaves what a plan stopped after this step would leave half-done, and how to put it back; {@code null}:
 *     nothing
 * @param settles the {@code leaves} of earlier steps that this one makes unnecessary
 */
public record Step(
        String name, String purpose, List<String> statements, Action action, Undo leaves, List<Undo> settles) {

    /** Carries the step out on the maintenance connection. */
    @FunctionalInterface
    public interface Action {
        void run(MaintenanceConnection connection) throws SQLException;
    }

    /**
     * How to put back what a step left half-done when the plan stops before it is settled.
     *
     * @param done what putting it back did, for the log line: {@code reopened database "chat"}
     * @param sql the statements, in one round trip
     */
    public record Undo(String done, String sql) {}

    public Step {
        statements = List.copyOf(statements);
        settles = List.copyOf(settles);
    }

    /** A step that carries out {@code statements} its own way (retrying, reading again, naming what it waits for). */
    public static Step acting(String name, String purpose, List<String> statements, Action action) {
        return new Step(name, purpose, statements, action, null, List.of());
    }

    /** A step whose statements go to the server in one round trip and commit together. */
    public static Step of(String name, String purpose, List<String> statements) {
        String sql = String.join("; ", statements);
        return acting(name, purpose, statements, c -> c.executeDdl(sql));
    }

    /** A step whose statements go to the server one after the other (DROP DATABASE cannot share a transaction). */
    public static Step each(String name, String purpose, List<String> statements) {
        return acting(name, purpose, statements, c -> {
            for (String sql : statements) {
                c.executeDdl(sql);
            }
        });
    }

    public Step leaving(Undo undo) {
        return new Step(name, purpose, statements, action, undo, settles);
    }

    /** This step, making {@code undo} (of an earlier step) unnecessary; a {@code null} undo adds nothing. */
    public Step settling(Undo undo) {
        if (undo == null) {
            return this;
        }
        List<Undo> all = new java.util.ArrayList<>(settles);
        all.add(undo);
        return new Step(name, purpose, statements, action, leaves, all);
    }
}
