package io.github.pgreset.bench.junit;

import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.server.LocalServers;
import io.github.pgreset.core.server.RepositoryBinaries;
import io.github.pgreset.core.server.StartRequest;
import io.github.pgreset.core.server.StartResult;
import io.github.pgreset.core.server.VersionRequest;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What {@code @PgReset} adds to a test run, as users run tests: each run a fresh JVM (an IDE's run, a Surefire fork)
 * on a small module whose one migration makes a table, against pgreset's own server for that module, started by hand
 * beforehand (a running server, as {@code mvn pgreset:start} leaves it), taken in turn with the same classes without
 * the annotation.
 *
 * <ol>
 *   <li><b>The first class of a run</b>: the whole JVM's time, one class of one empty test, with and without the
 *       annotation: finding the server, claiming the database, restoring it from its snapshot, and the classes this
 *       loads (pgjdbc's among them).
 *   <li><b>Each class after the first</b>: from a class's start to its first test, ten classes in one JVM, with tests
 *       that take 0 ms and 300 ms (the time in which the next copy is made while they run).
 * </ol>
 *
 * Prints a Markdown table and writes it to {@code junit.md} in the folder given as the argument.
 */
public final class JUnitBenchmark {
    static final String DATABASE = "bench_junit";
    private static final int RUNS = Integer.getInteger("pgreset.bench.runs", 9);
    private static final int CLASSES = 10;

    private final Path module;
    private final String classPath;
    /** The system properties that name the database of the classes without the annotation. */
    private List<String> plainDatabase = List.of();

    private JUnitBenchmark(Path module, String classPath) {
        this.module = module;
        this.classPath = classPath;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench").toAbsolutePath();
        String table = run(out);
        Files.writeString(out.resolve("junit.md"), table, StandardCharsets.UTF_8);
        System.out.println(table);
    }

    /** Runs both parts in {@code out} and returns the table. */
    public static String run(Path out) throws Exception {
        Path module = out.resolve("junit-module");
        Files.createDirectories(module.resolve(".mvn"));
        Path migrations = Files.createDirectories(module.resolve("src/main/resources/db/migration"));
        Files.writeString(
                migrations.resolve("V1__orders.sql"),
                "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);\n"
                        + "INSERT INTO orders SELECT i, i % 100 FROM generate_series(1, 10000) i;\n");
        Path home = LocalServers.defaultHome(Path.of(System.getProperty("user.home")));
        Path folder = LocalServers.defaultDataDirectory(home, module);
        LocalServers servers = new LocalServers(home, RepositoryBinaries.ofThisUser(), ProgressListener.silent());
        StartResult started = servers.start(new StartRequest(
                folder,
                VersionRequest.parse(System.getProperty("pgreset.postgresVersion")),
                0,
                "postgres",
                null,
                Duration.ofMinutes(2),
                true));
        System.out.println("[bench] PostgreSQL " + started.server().release() + " in " + folder);
        try {
            JUnitBenchmark bench = new JUnitBenchmark(module, classPath());
            bench.jvm(0, false, "Reset1"); // the snapshot, made once as by the first run after a migration changed
            // the database the classes without the annotation connect to: a copy of the snapshot, made beforehand
            bench.plainDatabase = List.of(
                    "-Dpgreset.url=" + started.server().url(DATABASE + "_plain"),
                    "-Dpgreset.username=" + started.server().superuser(),
                    "-Dpgreset.password=" + started.server().password());
            try (var connection = java.sql.DriverManager.getConnection(
                            started.server().url("postgres"),
                            started.server().superuser(),
                            started.server().password());
                    var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE + "_plain TEMPLATE " + DATABASE + "_snapshot");
            }
            return "PostgreSQL " + started.server().release() + ", Java " + System.getProperty("java.version") + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores; medians of " + RUNS + " runs.\n\n"
                    + bench.firstClass() + "\n" + bench.eachClass(0) + bench.eachClass(300);
        } finally {
            servers.stop(folder, true, Duration.ofMinutes(1));
        }
    }

    /** (1): the whole JVM with one class, with and without the annotation, in turn; an empty test and one connecting. */
    private String firstClass() throws Exception {
        StringBuilder table = new StringBuilder(
                "| The first class of a run (a fresh JVM, one test) | without | with `@PgReset` | added |\n"
                        + "|---|---|---|---|\n");
        for (boolean connect : new boolean[] {false, true}) {
            List<Double> plainWall = new ArrayList<>();
            List<Double> resetWall = new ArrayList<>();
            List<Double> plainAge = new ArrayList<>();
            List<Double> resetAge = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                Jvm plain = jvm(0, connect, "Plain1");
                Jvm reset = jvm(0, connect, "Reset1");
                plainWall.add(plain.wallMillis);
                resetWall.add(reset.wallMillis);
                plainAge.add(plain.firstTestAge);
                resetAge.add(reset.firstTestAge);
            }
            String test = connect ? "a test that connects and reads" : "an empty test";
            table.append(row(test + ": the JVM's age at its first test, ms", plainAge, resetAge))
                    .append(row(test + ": the whole JVM, ms", plainWall, resetWall));
        }
        return table.toString();
    }

    /** (2): ten classes in one JVM, from each class's start to its first test, after the first class. */
    private String eachClass(long testMillis) throws Exception {
        List<Double> plain = new ArrayList<>();
        List<Double> reset = new ArrayList<>();
        for (int run = 0; run < Math.max(3, RUNS / 3); run++) {
            plain.addAll(jvm(testMillis, false, names("Plain")).afterTheFirst());
            reset.addAll(jvm(testMillis, false, names("Reset")).afterTheFirst());
        }
        return "\n| Each class after the first, tests of " + testMillis
                + " ms (class start to first test) | without | with `@PgReset` | added |\n"
                + "|---|---|---|---|\n"
                + row("median, ms", plain, reset)
                + "| 90th percentile, ms | " + format(percentile(plain, 0.9)) + " | "
                + format(percentile(reset, 0.9)) + " | |\n";
    }

    private static String[] names(String prefix) {
        return IntStream.rangeClosed(1, CLASSES).mapToObj(i -> prefix + i).toArray(String[]::new);
    }

    private Jvm jvm(long testMillis, boolean connect, String... classes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                "-Dpgreset.bench.testMillis=" + testMillis,
                "-Dpgreset.bench.connect=" + connect));
        command.addAll(plainDatabase);
        command.add(TimedRun.class.getName());
        for (String name : classes) {
            command.add(BenchClasses.class.getName() + "$" + name);
        }
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(module.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the test JVM failed:\n" + output);
        }
        return new Jvm((System.nanoTime() - started) / 1e6, output);
    }

    /** What one test JVM took and printed. */
    private static final class Jvm {
        final double wallMillis;
        final double firstTestAge;
        final List<Double> classMillis = new ArrayList<>();

        Jvm(double wallMillis, String output) {
            this.wallMillis = wallMillis;
            double age = -1;
            for (String line : output.lines().toList()) {
                String[] words = line.split(" ");
                if (words[0].equals("class")) {
                    classMillis.add(Double.parseDouble(words[2]));
                } else if (words[0].equals("first-test")) {
                    age = Double.parseDouble(words[1]);
                }
            }
            this.firstTestAge = age;
        }

        List<Double> afterTheFirst() {
            return classMillis.subList(1, classMillis.size());
        }
    }

    /** The benchmark's own class path, for its test JVMs (exec:java runs it in a class loader of its own). */
    private static String classPath() throws URISyntaxException {
        if (JUnitBenchmark.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                entries.add(Path.of(url.toURI()).toString());
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static String row(String what, List<Double> without, List<Double> with) {
        double a = median(without);
        double b = median(with);
        return "| " + what + " | " + format(a) + " | " + format(b) + " | " + format(b - a) + " |\n";
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = values.stream().sorted().collect(Collectors.toList());
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(fraction * sorted.size())));
    }

    private static String format(double millis) {
        return millis >= 100 ? String.valueOf(Math.round(millis)) : String.format("%.1f", millis);
    }
}
