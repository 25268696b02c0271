package io.github.pgreset.core.server;

import io.github.pgreset.core.connection.Deadline;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's own programs from the unpacked binaries, {@code initdb} and {@code pg_ctl}, run as {@link OsAccount}.
 * Their output goes to a file, not a pipe: the server {@code pg_ctl} starts keeps running after it, and would hold a
 * pipe open.
 */
final class PgPrograms {
    private final Path binaries;
    private final Platform platform;
    private final OsAccount account;

    PgPrograms(Path binaries, Platform platform, OsAccount account) {
        this.binaries = binaries;
        this.platform = platform;
        this.account = account;
    }

    /** What a program printed, and how it ended. */
    record Run(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** {@code postgres --version}: the binaries run on this machine, as the account. */
    Run version(Deadline deadline) {
        return run(List.of(program("postgres"), "--version"), deadline);
    }

    /** Whether the account can reach into {@code folder} (every folder above it searchable by it). */
    boolean canReach(Path folder, Deadline deadline) {
        return run(List.of("/bin/sh", "-c", "cd \"$1\"", "sh", folder.toString()), deadline)
                .succeeded();
    }

    Run initdb(Path data, String superuser, Path passwordFile, Release release, Deadline deadline) {
        String auth = release.major().startsWith("9.") ? "md5" : "scram-sha-256";
        return run(
                List.of(
                        program("initdb"),
                        "-D",
                        data.toString(),
                        "-U",
                        superuser,
                        "--pwfile=" + passwordFile,
                        "--auth=" + auth,
                        "--encoding=UTF8",
                        "--locale=C"),
                deadline);
    }

    /** pg_ctl start, waiting for the server; {@code settings} given to it as {@code -c name=value}. */
    Run start(Path data, Path log, int port, Map<String, String> settings, Deadline deadline) {
        StringBuilder options = new StringBuilder("-p " + port);
        new TreeMap<>(settings)
                .forEach((name, value) -> options.append(" -c ").append(OsAccount.shellWord(name + "=" + value)));
        return run(
                List.of(
                        program("pg_ctl"),
                        "-D",
                        data.toString(),
                        "-l",
                        log.toString(),
                        "-w",
                        "-t",
                        String.valueOf(deadline.remainingSecondsAtLeastOne()),
                        "-o",
                        options.toString(),
                        "start"),
                deadline);
    }

    /**
     * {@code pg_ctl stop -m fast}, without waiting for the server to be gone: pg_ctl looks every 100 ms, the caller
     * every 10 ({@link LocalServers}).
     */
    Run stop(Path data, Deadline deadline) {
        return run(List.of(program("pg_ctl"), "-D", data.toString(), "-m", "fast", "-W", "stop"), deadline);
    }

    private String program(String name) {
        return binaries.resolve("bin").resolve(platform.program(name)).toString();
    }

    private Run run(List<String> command, Deadline deadline) {
        File output = null;
        try {
            output = File.createTempFile("pgreset-", ".out");
            ProcessBuilder builder = new ProcessBuilder(account.command(command))
                    .redirectErrorStream(true)
                    .redirectOutput(output)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            Map<String, String> env = builder.environment();
            // the libpq and server variables of the build's shell must not steer these programs
            env.keySet().removeIf(key -> key.startsWith("PG"));
            env.put("LC_MESSAGES", "C");
            Process process = builder.start();
            // Ctrl-C or a cancelled job: the program ends with the build (a server pg_ctl started runs on, detached)
            Thread stop = new Thread(
                    process::destroy, "pgreset-stop-" + Path.of(command.get(0)).getFileName());
            boolean hooked = true;
            try {
                Runtime.getRuntime().addShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                hooked = false; // run by a shutdown hook itself (a build stopped with Ctrl-C stops its server)
            }
            try {
                if (!process.waitFor(deadline.remaining().toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new PgResetException(
                            Problem.TIMEOUT,
                            String.join(" ", command) + " did not finish within " + deadline.describe()
                                    + ". Raise pgreset.timeout.");
                }
            } finally {
                try {
                    if (hooked) {
                        Runtime.getRuntime().removeShutdownHook(stop);
                    }
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs now; the next start redoes what this one had begun
                }
            }
            return new Run(
                    process.exitValue(),
                    Files.readString(output.toPath(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new PgResetException(
                    Problem.LOCAL_SERVER, "Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgResetException(Problem.STOPPED, "Stopped while running " + command.get(0), e);
        } finally {
            if (output != null) {
                output.delete();
            }
        }
    }

    private File nullDevice() {
        return new File(platform.windows() ? "NUL" : "/dev/null");
    }
}
