package io.github.pgreset.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parts of a server of its own: its postmaster.pid, its log, and the lock two builds take turns on. */
class ServerPartsTest {
    @TempDir
    Path temp;

    @Test
    void postmasterPidIsReadAsFarAsItIsWritten() throws IOException {
        assertThat(PostmasterPid.parse(
                        List.of("4711", "/data", "1700000000", "54321", "/tmp", "127.0.0.1", "1 2", "ready")))
                .contains(new PostmasterPid(4711, 54321, "ready"));
        assertThat(PostmasterPid.parse(List.of("4711"))).contains(new PostmasterPid(4711, 0, ""));
        assertThat(PostmasterPid.parse(List.of())).as("being written").isEmpty();
        assertThat(PostmasterPid.parse(List.of("47"))).isPresent();
        assertThat(PostmasterPid.parse(List.of("x"))).isEmpty();
        assertThat(PostmasterPid.read(temp)).as("no file").isEmpty();
        Files.writeString(temp.resolve(PostmasterPid.FILE), "123\n/data\n0\n5433\n");
        assertThat(PostmasterPid.read(temp)).contains(new PostmasterPid(123, 5433, ""));
        assertThat(PostmasterPid.isPostgres("/usr/lib/postgresql/18/bin/postgres"))
                .isTrue();
        assertThat(PostmasterPid.isPostgres("C:\\pg\\bin\\postgres.exe")).isFalse();
        assertThat(PostmasterPid.isPostgres("/opt/postmaster")).isTrue();
        assertThat(PostmasterPid.isPostgres("/usr/bin/java")).isFalse();
        assertThat(new PostmasterPid(ProcessHandle.current().pid(), 0, "").alive())
                .as("this JVM is alive but no server")
                .isFalse();
        assertThat(new PostmasterPid(Long.MAX_VALUE - 1, 0, "").alive()).isFalse();
    }

    @Test
    void theLogSinceAnOffsetAtMostItsLastPart() throws IOException {
        Path log = temp.resolve("server.log");
        Files.writeString(log, "old line\nnew line\n");
        assertThat(ServerLog.since(log, 9)).isEqualTo("new line\n");
        assertThat(ServerLog.since(log, 0)).isEqualTo("old line\nnew line\n");
        assertThat(ServerLog.since(temp.resolve("none.log"), 0)).isEmpty();
        Files.writeString(log, "x".repeat(20_000) + "END");
        assertThat(ServerLog.since(log, 0)).hasSize(8192).endsWith("END");
        assertThat(ServerLog.explain("LOG: starting\nERROR: a\nPANIC: b\n", "pg_ctl said"))
                .isEqualTo("It said:\nERROR: a\nPANIC: b\n");
        assertThat(ServerLog.explain("LOG: starting\n", "pg_ctl said")).isEqualTo("It said:\npg_ctl said\n");
        assertThat(ServerLog.portTaken("LOG: could not bind")).isTrue();
        assertThat(ServerLog.portTaken("LOG: ready")).isFalse();
        assertThat(ServerLog.leftoversOfAKilledServer("FATAL:  lock file \"postmaster.pid\" already exists"))
                .isTrue();
        assertThat(ServerLog.leftoversOfAKilledServer("LOG: ready")).isFalse();
    }

    @Test
    void twoHoldersOfTheLockTakeTurns() throws IOException {
        Path file = temp.resolve("locks/server.lock");
        try (FileLock first = FileLock.take(file, "the server in /x", Deadline.after(Duration.ofSeconds(5)))) {
            assertThat(file).exists();
            PgResetException busy = catchThrowableOfType(
                    () -> FileLock.take(file, "the server in /x", Deadline.after(Duration.ofMillis(50))),
                    PgResetException.class);
            assertThat(busy.problem()).isEqualTo(Problem.TIMEOUT);
            assertThat(busy.getMessage())
                    .startsWith("Another build kept the server in /x busy for longer than pgreset.timeout (50 ms)")
                    .contains(file.toString());
        }
        try (FileLock again = FileLock.take(file, "the server in /x", Deadline.after(Duration.ofSeconds(5)))) {
            assertThat(again).as("free once the first is closed").isNotNull();
        }
    }

    @Test
    void theRecordOfAServerKeepsWhatItWasAskedForAndRefusesADamagedFile() throws IOException {
        ServerRecord record = new ServerRecord(
                new Release("17.4.0"), 54321, false, "postgres", "pw", "nobody", false, java.util.Set.of(), false);
        record.withDatabase("chat").withDatabase("app").readied().withKept(true).write(temp);
        ServerRecord read = ServerRecord.read(temp).orElseThrow();
        assertThat(read.databases()).containsExactlyInAnyOrder("chat", "app");
        assertThat(read.ready()).isTrue();
        assertThat(read.portChosen()).isFalse();
        assertThat(read.account()).isEqualTo("nobody");
        assertThat(read.kept()).as("started by hand").isTrue();
        assertThat(Files.readString(temp.resolve(ServerRecord.FILE))).contains("stopped.by=hand");
        assertThat(read.withRelease(new Release("17.5.0")).release()).isEqualTo(new Release("17.5.0"));
        assertThat(read.withPort(5, true))
                .isEqualTo(new ServerRecord(
                        new Release("17.4.0"),
                        5,
                        true,
                        "postgres",
                        "pw",
                        "nobody",
                        true,
                        java.util.Set.of("chat", "app"),
                        true));
        Files.writeString(temp.resolve(ServerRecord.FILE), "release=17.4.0\nport=fifty\n");
        assertThat(catchThrowableOfType(() -> ServerRecord.read(temp), IOException.class)
                        .getMessage())
                .contains("is damaged");
        Files.writeString(temp.resolve(ServerRecord.FILE), "release=17.4.0\n");
        ServerRecord defaults = ServerRecord.read(temp).orElseThrow();
        assertThat(defaults.port()).isZero();
        assertThat(defaults.portChosen()).isTrue();
        assertThat(defaults.kept())
                .as("a record of an older pgreset: the builds stop its server")
                .isFalse();
        assertThat(defaults.superuser()).isEqualTo("postgres");
        assertThat(defaults.ready()).isFalse();
        assertThat(defaults.databases()).isEmpty();
        assertThat(ServerRecord.read(temp.resolve("none"))).isEmpty();
    }
}
