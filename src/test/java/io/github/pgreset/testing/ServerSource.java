package io.github.pgreset.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the integration tests get their PostgreSQL servers from, in this order: the JDBC URLs in
 * {@value #SERVERS_VARIABLE} (how CI passes servers it started); Testcontainers when a Docker engine answers;
 * otherwise servers of pgreset's own, started by {@code pgreset:start}'s code from the binaries on Maven Central (as
 * an unprivileged account when the tests run as root). When none is possible the tests fail with instructions; they
 * never skip.
 */
public enum ServerSource {
    ENVIRONMENT,
    DOCKER,
    EMBEDDED;

    public static final String SERVERS_VARIABLE = "PGRESET_TEST_SERVERS";

    /** What the test JVM knows about its machine. */
    public record Machine(String serversVariable, boolean dockerAvailable) {}

    /** The source to use. */
    public static ServerSource choose(Machine machine) {
        if (machine.serversVariable() != null && !machine.serversVariable().isBlank()) {
            return ENVIRONMENT;
        }
        return machine.dockerAvailable() ? DOCKER : EMBEDDED;
    }

    /** The JDBC URLs of {@value #SERVERS_VARIABLE}, separated by white space. */
    public static List<String> urls(String serversVariable) {
        List<String> urls = new ArrayList<>();
        for (String url : serversVariable.trim().split("\\s+")) {
            if (!url.isEmpty()) {
                urls.add(url);
            }
        }
        return urls;
    }

    /** The Docker image of a major version: the official image, alpine variant (small, quick to pull). */
    public static String dockerImage(int major) {
        return "postgres:" + major + "-alpine";
    }

    /**
     * What the tests need from a server they start: prepared transactions, 250+ sessions at once, logical replication
     * slots; no fsync.
     */
    public static final Map<String, String> SERVER_SETTINGS = Map.of(
            "max_prepared_transactions", "10",
            "max_connections", "300",
            "wal_level", "logical",
            "max_wal_senders", "10",
            "max_replication_slots", "10",
            "password_encryption", "scram-sha-256",
            "fsync", "off");

    /** The server's command in a container, with {@link #SERVER_SETTINGS}. */
    public static List<String> dockerCommand() {
        List<String> command = new java.util.ArrayList<>(List.of("postgres"));
        new java.util.TreeMap<>(SERVER_SETTINGS).forEach((name, value) -> {
            command.add("-c");
            command.add(name + "=" + value);
        });
        return command;
    }

    static String instructions(String why) {
        return "No PostgreSQL server for the integration tests: " + why + ". Give the tests servers in one of "
                + "these ways:\n"
                + "  1. start servers yourself and list superuser JDBC URLs, separated by spaces, in "
                + SERVERS_VARIABLE
                + ", e.g.\n     " + SERVERS_VARIABLE + "='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"
                + "&password=secret' ./mvnw verify\n"
                + "     (.ci/run does this as root: it starts PostgreSQL 12, 13 and 18, and Debian's 15, as the postgres user);\n"
                + "  2. start a Docker engine: the tests then run postgres:<version>-alpine with Testcontainers;\n"
                + "  3. neither: the tests start servers of pgreset's own (pgreset:start's code) from the binaries "
                + "Maven copies to target/pg-binaries, as an unprivileged account (postgres, else nobody) when they"
                + " run as root.";
    }
}
