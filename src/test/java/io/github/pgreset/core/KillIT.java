package io.github.pgreset.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.pgreset.core.catalog.Marks;
import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.plan.Plan;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.PostgresTest;
import io.github.pgreset.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Every goal that changes something, stopped at each step of its plan: run in a JVM of its own (as Maven runs it),
 * paused after the step ({@link Plan#PAUSE_AFTER}), then sent SIGTERM (Ctrl-C, an IDE's stop button, a cancelled CI
 * job) or SIGKILL (out of memory, a lost machine). After SIGTERM the database takes connections at once and no
 * unfinished copy is left; after either, the next run of the same goal succeeds and leaves no working database
 * ({@code <db>_pgreset_...}), and a neighbouring database is untouched. On PostgreSQL 12 (where drop and restore
 * close the database first) and on the newest server.
 */
class KillIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PAUSE_WAIT = Duration.ofSeconds(60);

    private enum Signal {
        SIGTERM,
        SIGKILL
    }

    /** What exists before the goal runs. */
    private enum Setup {
        /** The migrated database only. */
        DATABASE,
        /** The database, its snapshot and the prepared copy. */
        SNAPSHOT,
        /** The database and its snapshot, without a prepared copy. */
        SNAPSHOT_WITHOUT_COPY
    }

    /**
     * @param client whether a client is on the database when the goal starts: a restore of a database nobody is on
     *     swaps at once (as a superuser), without the steps that close it and end its sessions
     */
    private record Case(String goal, Setup setup, String step, boolean client) {
        Case(String goal, Setup setup, String step) {
            this(goal, setup, step, false);
        }
    }

    /** The steps of a snapshot that replaces another after which the new snapshot is finished. */
    private static final List<String> FINISHED = List.of("finish", "drop-replaced", "drop-copy");

    private static List<Case> cases(PgServer server) {
        List<Case> cases = new ArrayList<>();
        for (String step : List.of("close", "copy", "finish", "prepare", "finish-copy")) {
            cases.add(new Case("snapshot", Setup.DATABASE, step));
        }
        for (String step : List.of("close", "copy", "finish", "drop-replaced", "drop-copy")) {
            cases.add(new Case("snapshot", Setup.SNAPSHOT, step));
        }
        for (String step : List.of("swap", "drop-aside", "prepare", "finish-copy")) {
            cases.add(new Case("restore", Setup.SNAPSHOT, step));
        }
        for (String step : List.of("close", "terminate", "swap")) {
            cases.add(new Case("restore", Setup.SNAPSHOT, step, true));
        }
        for (String step : List.of("copy", "swap")) {
            cases.add(new Case("restore", Setup.SNAPSHOT_WITHOUT_COPY, step));
        }
        for (String step : List.of("close", "terminate", "swap")) {
            cases.add(new Case("restore", Setup.SNAPSHOT_WITHOUT_COPY, step, true));
        }
        // the drop plan: on 12 close, terminate, drop; on 13+ one DROP ... WITH (FORCE)
        List<String> dropSteps =
                server.version().major() < 13 ? List.of("close", "terminate", "drop") : List.of("drop");
        for (String step : dropSteps) {
            cases.add(new Case("drop", Setup.DATABASE, step));
            cases.add(new Case("recreate", Setup.DATABASE, step));
        }
        return cases;
    }

    @PostgresTest(before = 13)
    void everyStepOnTwelve(PgServer server, TestDatabases dbs) throws Exception {
        everyStep(server, dbs);
    }

    @PostgresTest(since = 18)
    void everyStepOnTheNewest(PgServer server, TestDatabases dbs) throws Exception {
        everyStep(server, dbs);
    }

    private static void everyStep(PgServer server, TestDatabases dbs) throws Exception {
        String neighbour = dbs.createUnique("neighbour");
        server.executeIn(neighbour, "CREATE TABLE kept (id int)");
        long neighbourOid = oid(server, neighbour);
        List<String> failures = new CopyOnWriteArrayList<>();
        // two goal JVMs at a time, each on a database of its own: the machine's two cores busy, half the wall time
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Case c : cases(server)) {
                for (Signal signal : Signal.values()) {
                    runs.add(workers.submit(() -> {
                        try {
                            run(server, dbs, c, signal);
                        } catch (AssertionError | Exception e) {
                            failures.add(c + " " + signal + ": " + e.getMessage());
                        }
                    }));
                }
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(failures).as("the cases that failed").isEmpty();
        assertThat(oid(server, neighbour)).isEqualTo(neighbourOid);
        assertThat(server.hasTable(neighbour, "kept")).isTrue();
    }

    private static void run(PgServer server, TestDatabases dbs, Case c, Signal signal) throws Exception {
        String chat = dbs.createUnique("chat");
        for (String suffix :
                List.of("_snapshot", "_next", "_pgreset_old", "_pgreset_snap", "_pgreset_next", "_pgreset_prev")) {
            dbs.dropAtEnd(chat + suffix);
        }
        server.executeIn(chat, "CREATE TABLE message (id int)", "INSERT INTO message SELECT generate_series(1, 100)");
        if (c.setup() != Setup.DATABASE) {
            service(server, chat).snapshot(SnapshotOptions.DEFAULTS);
        }
        if (c.setup() == Setup.SNAPSHOT_WITHOUT_COPY) {
            server.dropDatabase(chat + "_next");
        }

        long snapshotOid = c.setup() == Setup.SNAPSHOT ? oid(server, chat + "_snapshot") : 0;

        List<String> output;
        if (c.client()) {
            try (Connection client = server.connect(chat, "kill-it-client")) {
                output = stop(server, c, chat, signal);
                assertThat(PgServer.alive(client))
                        .as("the client, ended by the close before the stop; it said %s", output)
                        .isFalse();
            }
        } else {
            output = stop(server, c, chat, signal);
        }

        if (c.goal().equals("snapshot") && c.setup() == Setup.SNAPSHOT && !FINISHED.contains(c.step())) {
            // the older snapshot is still the snapshot: its prepared copy stays, for the next restore to swap in
            assertThat(oid(server, chat + "_snapshot")).isEqualTo(snapshotOid);
            assertThat(server.databaseExists(chat + "_next"))
                    .as("the older snapshot's prepared copy after a stop at %s; it said %s", c.step(), output)
                    .isTrue();
            assertThat(comment(server, chat + "_next")).isEqualTo(Marks.copy(snapshotOid));
        }

        if (signal == Signal.SIGTERM) {
            if (server.databaseExists(chat)) {
                assertThat(server.allowsConnections(chat))
                        .as("database takes connections right after SIGTERM; it said %s", output)
                        .isTrue();
            }
            if (List.of("close", "copy", "terminate").contains(c.step())) {
                assertThat(output.stream().filter(line -> line.contains("pgreset was stopped;")))
                        .as("one line says what was put back; it said %s", output)
                        .hasSize(1);
            }
            assertThat(working(server, chat).stream().filter(name -> !name.endsWith("_pgreset_old")))
                    .as("no unfinished copy after SIGTERM; it said %s", output)
                    .isEmpty();
        }
        // the next run of the same goal
        ResetService next = service(server, chat);
        switch (c.goal()) {
            case "snapshot" -> next.snapshot(SnapshotOptions.DEFAULTS);
            case "restore" -> {
                next.restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);
                next.prepareNextCopy(SnapshotOptions.DEFAULTS);
            }
            case "drop" -> next.drop(DropOptions.defaults());
            case "recreate" -> next.recreate(DropOptions.defaults(), CreateOptions.defaults());
            default -> throw new IllegalArgumentException(c.goal());
        }
        if (!c.goal().equals("drop")) {
            assertThat(server.allowsConnections(chat))
                    .as("takes connections after the next run")
                    .isTrue();
        }
        assertThat(working(server, chat))
                .as("working databases after the next run")
                .isEmpty();
        if (!c.goal().equals("drop") && !c.goal().equals("recreate")) {
            assertThat(server.queryIn(chat, "SELECT count(*) FROM message", rs -> rs.getInt(1)))
                    .containsExactly(100);
            assertThat(comment(server, chat + "_snapshot")).startsWith("pgreset: snapshot of " + chat);
            assertThat(comment(server, chat + "_next")).startsWith("pgreset: copy of snapshot");
        }
    }

    /** Runs the goal in its own JVM, waits until it pauses after the step, sends the signal and waits for the end. */
    private static List<String> stop(PgServer server, Case c, String database, Signal signal) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Files.createTempFile("pgreset-kill-", ".log");
        ProcessBuilder goal = new ProcessBuilder(
                        java.toString(),
                        // a JVM that lives seconds: no optimising compiler competing with the goal for the CPU
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-D" + Plan.PAUSE_AFTER + "=" + c.step(),
                        GoalProcess.class.getName(),
                        server.version().toString(),
                        server.host(),
                        String.valueOf(server.port()),
                        server.user(),
                        c.goal(),
                        database)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // an embedded server has no password
        if (server.password() != null) {
            goal.environment().put(GoalProcess.PASSWORD_VARIABLE, server.password());
        }
        Process process = goal.start();
        Deadline deadline = Deadline.after(PAUSE_WAIT);
        String paused = "pgreset: paused after " + c.step();
        while (!Files.readAllLines(log).contains(paused)) {
            if (!process.isAlive() || !deadline.pause(Duration.ofMillis(20))) {
                process.destroyForcibly().waitFor();
                fail("never paused after step " + c.step() + "; the goal said " + Files.readAllLines(log));
            }
        }
        if (signal == Signal.SIGTERM) {
            process.destroy();
        } else {
            process.destroyForcibly();
        }
        if (!process.waitFor(PAUSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("did not end after " + signal + "; it said " + Files.readAllLines(log));
        }
        List<String> output = Files.readAllLines(log);
        Files.delete(log);
        assertThat(output).as("the goal finished although stopped").doesNotContain("done");
        return output;
    }

    private static ResetService service(PgServer server, String database) {
        return new ResetService(
                new ResetSettings(server.target(database), TIMEOUT, false, server.safety(Set.of())),
                ProgressListener.silent());
    }

    private static List<String> working(PgServer server, String database) {
        return server.query(
                "SELECT datname FROM pg_database WHERE datname LIKE " + SqlText.literal(database + "\\_pgreset\\_%"),
                rs -> rs.getString(1));
    }

    private static long oid(PgServer server, String database) {
        return server.query(
                        "SELECT oid FROM pg_database WHERE datname = " + SqlText.literal(database), rs -> rs.getLong(1))
                .get(0);
    }

    private static String comment(PgServer server, String database) {
        List<String> comments = server.query(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = "
                        + SqlText.literal(database),
                rs -> rs.getString(1));
        return comments.isEmpty() ? "(no database " + database + ")" : String.valueOf(comments.get(0));
    }
}
