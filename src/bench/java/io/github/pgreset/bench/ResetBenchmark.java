package io.github.pgreset.bench;

import io.github.pgreset.bench.junit.JUnitBenchmark;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.ResetSettings;
import io.github.pgreset.core.connection.ProgressListener;
import io.github.pgreset.core.connection.SqlText;
import io.github.pgreset.core.drop.CreateOptions;
import io.github.pgreset.core.drop.DropOptions;
import io.github.pgreset.core.drop.Strategy;
import io.github.pgreset.core.snapshot.CopyMethod;
import io.github.pgreset.core.snapshot.RestoreResult;
import io.github.pgreset.core.snapshot.SnapshotOptions;
import io.github.pgreset.core.snapshot.SnapshotResult;
import io.github.pgreset.testing.BenchServers;
import io.github.pgreset.testing.PgServer;
import io.github.pgreset.testing.ReconnectingClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What a reset costs, against what the server itself needs: medians of repeated runs, printed as a Markdown table and
 * written to {@code target/bench/results.md}. Run with {@code ./mvnw -Pbench -DskipTests verify} (see README).
 *
 * <ol>
 *   <li>the server-side limit: the same SQL the plugin sends, on an already open connection;
 *   <li>the service's own time for drop and recreate with 0, 50 and 250 idle sessions and with 20 clients reconnecting
 *       at once (connecting to the server included), and its ratio to (1);
 *   <li>the whole {@code mvn pgreset:recreate} process against the sql-maven-plugin recipe doing the same reset;
 *   <li>restore against drop + create + re-running the SQL that built the database, for a data-heavy and a
 *       schema-heavy database, and the raw clone with each STRATEGY (15+).
 * </ol>
 */
public final class ResetBenchmark {
    private static final String DB = "pgreset_bench";
    private static final int RUNS = Integer.getInteger("pgreset.bench.runs", 7);
    /**
     * Which parts run: -Dpgreset.bench.cases=swap,heavy (default: sessions, swap, maven, heavy and clone; {@code junit},
     * what {@code @PgReset} adds to a test run, on pgreset's own server, only when named).
     */
    private static final Set<String> CASES =
            Set.of(System.getProperty("pgreset.bench.cases", "sessions,swap,maven,heavy,clone")
                    .split(","));

    private final PgServer server;
    private final List<String[]> rows = new ArrayList<>();

    private ResetBenchmark(PgServer server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        StringBuilder report = new StringBuilder();
        report.append("Machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append(", ")
                .append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.arch"))
                .append("; medians of ")
                .append(RUNS)
                .append(
                        " runs (for the heavy databases: 3 rebuilds and raw clones per strategy, 5 restores and clones in turn).\n\n");
        if (CASES.contains("junit")) {
            report.append("### @PgReset\n\n").append(JUnitBenchmark.run(out)).append('\n');
        }
        if (CASES.stream().anyMatch(part -> !part.equals("junit"))) {
            try (BenchServers servers = BenchServers.start()) {
                for (PgServer server : servers.servers()) {
                    System.out.println("[bench] " + server);
                    ResetBenchmark bench = new ResetBenchmark(server);
                    bench.run(out);
                    report.append(bench.table()).append('\n');
                }
            }
        }
        Files.writeString(out.resolve("results.md"), report.toString(), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
    }

    private void run(Path out) throws Exception {
        if (CASES.contains("sessions")) {
            sessions();
        }
        if (CASES.contains("swap")) {
            swapOfAnIdleDatabase();
        }
        if (CASES.contains("maven")) {
            mavenProcesses(out);
        }
        if (CASES.contains("clone") && server.version().major() >= 18) {
            clones();
        }
        if (CASES.contains("heavy")) {
            heavy(out, "data-heavy (50 tables, ~170 MB)", DataSets.dataHeavy());
            heavy(out, "schema-heavy (200 tables with keys and indexes)", DataSets.schemaHeavy());
        }
    }

    /** (1) and (2): drop and recreate with idle sessions and with reconnecting clients. */
    private void sessions() throws Exception {
        for (int sessions : new int[] {0, 50, 250}) {
            double rawDrop = median(() -> timedWithSessions(sessions, true, this::rawDrop));
            double serviceDrop = median(() -> timedWithSessions(sessions, true, this::serviceDrop));
            row("drop, " + sessions + " idle sessions", rawDrop, serviceDrop);
            double rawRecreate = median(() -> timedWithSessions(sessions, true, () -> {
                rawDrop();
                execute("CREATE DATABASE " + DB);
            }));
            double serviceRecreate = median(() -> timedWithSessions(sessions, true, this::serviceRecreate));
            row("recreate, " + sessions + " idle sessions", rawRecreate, serviceRecreate);
        }
        ensureDatabase();
        try (ReconnectingClient clients = new ReconnectingClient(server, DB, 20)) {
            clients.awaitConnections(20);
            double raw = median(() -> timed(() -> {
                rawDrop();
                execute("CREATE DATABASE " + DB);
            }));
            double service = median(() -> timed(this::serviceRecreate));
            row("recreate, 20 clients reconnecting at once", raw, service);
        }
        server.dropDatabase(DB);
    }

    // ------------------------------------------------------------------ (1) and (2)

    /** The plugin's SQL on an open connection: FORCE on 13+, else block, terminate, wait, drop. */
    private void rawDrop() throws SQLException {
        try (Connection c = server.connect("postgres", "bench-raw");
                Statement s = c.createStatement()) {
            if (server.version().major() >= 13) {
                s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
                return;
            }
            s.execute("ALTER DATABASE " + DB + " ALLOW_CONNECTIONS false");
            // a client that passed the connection check before the block committed gets in: terminate again, until
            // nobody is left
            while (true) {
                while (true) {
                    try (ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                            + " WHERE datname = '" + DB + "'")) {
                        rs.next();
                        if (rs.getInt(1) == 0) {
                            break;
                        }
                    }
                }
                try {
                    s.execute("DROP DATABASE " + DB);
                    return;
                } catch (SQLException e) {
                    if (!"55006".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
    }

    private ResetService service() {
        return new ResetService(
                new ResetSettings(server.target(DB), Duration.ofSeconds(60), false, server.safety(Set.of())),
                ProgressListener.silent());
    }

    private void serviceDrop() {
        service().drop(DropOptions.defaults());
    }

    private void serviceRecreate() {
        service().recreate(DropOptions.defaults(), CreateOptions.defaults());
    }

    /**
     * Milliseconds of {@code action}, with {@code sessions} idle sessions on the database opened first (not timed).
     * The connection that opens {@code rawDrop}'s session is part of the raw time, as the service's is of its own.
     */
    private double timedWithSessions(int sessions, boolean createFirst, Action action) throws Exception {
        if (createFirst) {
            ensureDatabase();
        }
        List<Connection> open = openSessions(sessions);
        try {
            return timed(action);
        } finally {
            for (Connection c : open) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // terminated: nothing to close
                }
            }
        }
    }

    private List<Connection> openSessions(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Connection>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> server.connect(DB, "idle-app")));
            }
            List<Connection> connections = new ArrayList<>();
            for (Future<Connection> f : futures) {
                connections.add(f.get(60, TimeUnit.SECONDS));
            }
            return connections;
        } finally {
            pool.shutdownNow();
        }
    }

    private void ensureDatabase() {
        if (!server.databaseExists(DB)) {
            execute("CREATE DATABASE " + DB);
        }
    }

    // ------------------------------------------------------------------ restore's swap

    /**
     * restore with a prepared copy, of an idle database: the service (its own time, which its log line and report
     * give, and the whole call, connecting included) against the swap's SQL on an open connection: block, then one
     * transaction that holds back new connections, renames the database aside and the copy into its name, and opens it.
     */
    private void swapOfAnIdleDatabase() throws Exception {
        String db = DB + "_swap";
        String aside = db + "_pgreset_old";
        String next = db + "_next";
        for (String each : List.of(db + "_snapshot", next, aside, db)) {
            server.dropDatabase(each);
        }
        execute("CREATE DATABASE " + db);
        server.executeIn(db, "CREATE TABLE message (id int PRIMARY KEY, body text)");
        ResetService service = new ResetService(
                new ResetSettings(server.target(db), Duration.ofSeconds(60), false, server.safety(Set.of())),
                ProgressListener.silent());
        service.snapshot(SnapshotOptions.DEFAULTS);
        List<Double> raw = new ArrayList<>();
        List<Double> own = new ArrayList<>();
        List<Double> call = new ArrayList<>();
        try (Connection c = server.connect("postgres", "bench-raw")) {
            for (int i = 0; i <= RUNS; i++) { // the first of each is a warm-up
                server.dropDatabase(aside);
                long start = System.nanoTime();
                RestoreResult restored = service.restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS);
                double took = (System.nanoTime() - start) / 1e6;
                if (!restored.swapped()) {
                    throw new IllegalStateException("no prepared copy to swap in");
                }
                if (i > 0) {
                    call.add(took);
                    own.add(restored.elapsed().toNanos() / 1e6);
                }
                service.prepareNextCopy(SnapshotOptions.DEFAULTS);
                server.dropDatabase(aside);
                start = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
                    c.setAutoCommit(false);
                    s.execute("LOCK TABLE pg_catalog.pg_database IN ACCESS EXCLUSIVE MODE");
                    s.execute("ALTER DATABASE " + db + " RENAME TO " + aside);
                    s.execute("COMMENT ON DATABASE " + aside + " IS 'pgreset: the database before a restore'");
                    s.execute("ALTER DATABASE " + next + " RENAME TO " + db);
                    s.execute("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
                    s.execute("COMMENT ON DATABASE " + db + " IS NULL");
                    c.commit();
                    c.setAutoCommit(true);
                }
                if (i > 0) {
                    raw.add((System.nanoTime() - start) / 1e6);
                }
                server.dropDatabase(aside);
                service.prepareNextCopy(SnapshotOptions.DEFAULTS);
            }
        }
        row("restore of an idle database, prepared copy swapped in (restore's own time)", median(raw), median(own));
        row("the same, the whole call (connecting, goal lock)", median(raw), median(call));
        for (String each : List.of(db + "_snapshot", next, aside, db)) {
            server.dropDatabase(each);
        }
    }

    // ------------------------------------------------------------------ (3)

    /** {@code mvn pgreset:recreate} against the sql-maven-plugin recipe, each a whole Maven process. */
    private void mavenProcesses(Path out) throws Exception {
        MavenRuns maven = MavenRuns.prepare(out, server, DB);
        if (maven == null) {
            return;
        }
        ensureDatabase();
        double sqlPlugin = median(() -> maven.time(MavenRuns.SQL_MAVEN_PLUGIN));
        double pgreset = median(() -> maven.time(MavenRuns.PGRESET));
        rows.add(new String[] {
            "whole `mvn` process: sql-maven-plugin recipe vs `pgreset:recreate`",
            ms(sqlPlugin),
            ms(pgreset),
            String.format("%.2f×", pgreset / sqlPlugin)
        });
        server.dropDatabase(DB);
    }

    // ------------------------------------------------------------------ (5)

    /**
     * snapshot, and restore without a prepared copy, as pgreset.fileCopyMethod=auto chooses, next to the raw copies the
     * server makes: FILE_COPY with file_copy_method copy and clone, and WAL_LOG; a 500 MB and a 16 MB database, on the
     * file system of the server's data directory (PostgreSQL 18+). A CHECKPOINT before each timing.
     */
    private void clones() throws Exception {
        String dataDirectory = server.query("SELECT current_setting('data_directory')", rs -> rs.getString(1))
                .get(0);
        String fileSystem;
        try {
            fileSystem = Files.getFileStore(Path.of(dataDirectory)).type();
        } catch (IOException e) {
            fileSystem = "a file system not on this machine";
        }
        String db = DB + "_clone";
        for (int messages : new int[] {3_300_000, 100_000}) {
            for (String name : List.of(db, db + "_snapshot", db + "_next", db + "_pgreset_old", db + "_copy")) {
                server.dropDatabase(name);
            }
            execute("CREATE DATABASE " + db);
            server.executeIn(
                    db,
                    "CREATE TABLE message (id int PRIMARY KEY, body text)",
                    "INSERT INTO message SELECT g, repeat('m', 120) FROM generate_series(1, " + messages + ") g");
            long bytes = server.query("SELECT pg_database_size('" + db + "')", rs -> rs.getLong(1))
                    .get(0);
            String what = String.format("%d MB database on %s", Math.round(bytes / 1048576.0), fileSystem);
            ResetService service = new ResetService(
                    new ResetSettings(server.target(db), Duration.ofSeconds(600), false, server.safety(Set.of())),
                    ProgressListener.silent());
            String[] how = {null};
            double snapshot = median(5, () -> {
                execute("CHECKPOINT");
                SnapshotResult result = service.snapshot(SnapshotOptions.DEFAULTS);
                how[0] = result.copyMethod().describe();
                return result.elapsed().toNanos() / 1e6;
            });
            double restore = median(5, () -> {
                server.dropDatabase(db + "_next");
                server.dropDatabase(db + "_pgreset_old");
                execute("CHECKPOINT");
                return service.restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS)
                                .elapsed()
                                .toNanos()
                        / 1e6;
            });
            // the "in the same state": each round a CHECKPOINT, the raw FILE_COPY of the database, its drop, a
            // CHECKPOINT, then the snapshot (its own time; the next copy after it, untimed, as the plugin makes it
            // while the build goes on)
            List<Double> pairedRaw = new ArrayList<>();
            List<Double> pairedSnapshot = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                execute("CHECKPOINT");
                long start = System.nanoTime();
                execute("CREATE DATABASE " + db + "_copy TEMPLATE " + db + " STRATEGY FILE_COPY");
                pairedRaw.add((System.nanoTime() - start) / 1e6);
                server.dropDatabase(db + "_copy");
                execute("CHECKPOINT");
                pairedSnapshot.add(service.snapshot(SnapshotOptions.DEFAULTS, false)
                                .elapsed()
                                .toNanos()
                        / 1e6);
                service.prepareNextCopy(SnapshotOptions.DEFAULTS);
            }
            double copy = rawCopy(db + "_snapshot", db + "_copy", "FILE_COPY", "copy");
            double clone = rawCopy(db + "_snapshot", db + "_copy", "FILE_COPY", "clone");
            double walLog = rawCopy(db + "_snapshot", db + "_copy", "WAL_LOG", null);
            System.out.printf("[bench]   %s: pgreset %s%n", what, how[0]);
            rows.add(new String[] {what + ": raw FILE_COPY, file_copy_method copy", ms(copy), "", ""});
            rows.add(new String[] {what + ": raw FILE_COPY, file_copy_method clone", ms(clone), "", ""});
            rows.add(new String[] {what + ": raw WAL_LOG", ms(walLog), "", ""});
            rows.add(new String[] {
                what + ": `snapshot` (auto), back to back (each after the previous one's next copy), against the raw"
                        + " FILE_COPY copies made after them",
                ms(copy),
                ms(snapshot),
                String.format("%.2f× (%.1f× faster)", snapshot / copy, copy / snapshot)
            });
            rows.add(new String[] {
                what + ": `snapshot` (auto), taken in turn with the raw FILE_COPY of the same database",
                ms(median(pairedRaw)),
                ms(median(pairedSnapshot)),
                String.format("%.2f×", median(pairedSnapshot) / median(pairedRaw))
            });
            rows.add(new String[] {
                what + ": `restore` without a prepared copy (auto) against the raw FILE_COPY copy",
                ms(copy),
                ms(restore),
                String.format("%.2f× (%.1f× faster)", restore / copy, copy / restore)
            });
            for (String name : List.of(db, db + "_snapshot", db + "_next", db + "_pgreset_old", db + "_copy")) {
                server.dropDatabase(name);
            }
        }
    }

    /** The median time of CREATE DATABASE ... TEMPLATE ... STRATEGY, with file_copy_method set first (18+). */
    private double rawCopy(String template, String copy, String strategy, String fileCopyMethod) throws Exception {
        return median(5, () -> {
            server.dropDatabase(copy);
            execute("CHECKPOINT");
            try (Connection c = server.connect("postgres", "bench-raw");
                    Statement s = c.createStatement()) {
                if (fileCopyMethod != null) {
                    s.execute("SET file_copy_method = " + fileCopyMethod);
                }
                long start = System.nanoTime();
                s.execute("CREATE DATABASE " + copy + " TEMPLATE " + template + " STRATEGY " + strategy);
                return (System.nanoTime() - start) / 1e6;
            }
        });
    }

    // ------------------------------------------------------------------ (4)

    /** restore (prepared copy, and clone) against drop + create + the SQL that built it; raw clones per strategy. */
    private void heavy(Path out, String name, List<String> buildSql) throws Exception {
        String heavy = DB + "_heavy";
        server.dropDatabase(heavy + "_snapshot");
        server.dropDatabase(heavy + "_next");
        server.dropDatabase(heavy + "_pgreset_old");
        server.dropDatabase(heavy);
        execute("CREATE DATABASE " + heavy);
        long buildStart = System.nanoTime();
        server.executeIn(heavy, buildSql.toArray(String[]::new));
        double buildOnce = (System.nanoTime() - buildStart) / 1e6;
        ResetService service = new ResetService(
                new ResetSettings(server.target(heavy), Duration.ofSeconds(600), false, server.safety(Set.of())),
                ProgressListener.silent());
        service.snapshot(SnapshotOptions.DEFAULTS);
        double rebuild = median(
                3,
                () -> timed(() -> {
                    service.recreate(DropOptions.defaults(), CreateOptions.defaults());
                    server.executeIn(heavy, buildSql.toArray(String[]::new));
                }));
        // clones wait for checkpoints (FILE_COPY forces two): a CHECKPOINT before each timing, and the restore and the
        // raw clone it is compared with run in turn, so that neither inherits the other's dirty buffers
        String copy = heavy + "_copy";
        List<Double> swaps = new ArrayList<>();
        List<Double> clones = new ArrayList<>();
        List<Double> rawClones = new ArrayList<>();
        String chosen = null;
        for (int i = 0; i < 5; i++) {
            service.prepareNextCopy(SnapshotOptions.DEFAULTS);
            execute("CHECKPOINT");
            long start = System.nanoTime();
            if (!service.restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS)
                    .swapped()) {
                throw new IllegalStateException("no prepared copy to swap in");
            }
            swaps.add((System.nanoTime() - start) / 1e6);
            // as the background job after a restore would: the replaced database is dropped, off the path timed
            server.dropDatabase(heavy + "_next");
            server.dropDatabase(heavy + "_pgreset_old");
            execute("CHECKPOINT");
            start = System.nanoTime();
            CopyMethod method = service.restore(DropOptions.defaults(), SnapshotOptions.DEFAULTS)
                    .copyMethod();
            Strategy strategy = method == null ? null : method.strategy();
            clones.add((System.nanoTime() - start) / 1e6);
            server.dropDatabase(heavy + "_pgreset_old");
            chosen = strategy == null ? "" : " STRATEGY " + strategy;
            String raw = "CREATE DATABASE " + copy + " TEMPLATE " + heavy + "_snapshot" + chosen;
            execute("CHECKPOINT");
            rawClones.add(timed(() -> execute(raw)));
            server.dropDatabase(copy);
        }
        double swap = median(swaps);
        double clone = median(clones);
        double rawClone = median(rawClones);
        rows.add(new String[] {name + ": drop, create, re-run the build SQL", "–", ms(rebuild), ""});
        rows.add(new String[] {
            name + ": `restore`, prepared copy swapped in", "–", ms(swap), String.format("%.0f× faster", rebuild / swap)
        });
        rows.add(new String[] {
            name + ": `restore` without a prepared copy (clone)",
            "–",
            ms(clone),
            String.format("%.1f× faster", rebuild / clone)
        });
        rows.add(new String[] {
            name + ": `restore` without a prepared copy against the raw clone ("
                    + (chosen.isEmpty() ? "server's default strategy" : chosen.strip()) + ", in turn)",
            ms(rawClone),
            ms(clone),
            String.format("%.2f×", clone / rawClone)
        });
        if (server.version().major() >= 15) {
            for (String strategy : List.of("WAL_LOG", "FILE_COPY")) {
                double raw = median(3, () -> {
                    server.dropDatabase(copy);
                    execute("CHECKPOINT");
                    return timed(() -> execute(
                            "CREATE DATABASE " + copy + " TEMPLATE " + heavy + "_snapshot STRATEGY " + strategy));
                });
                server.dropDatabase(copy);
                rows.add(new String[] {name + ": raw clone, STRATEGY " + strategy, ms(raw), "", ""});
            }
        }
        System.out.printf("[bench]   %s built in %.0f ms%n", name, buildOnce);
        server.dropDatabase(heavy + "_next");
        server.dropDatabase(heavy + "_pgreset_old");
        server.dropDatabase(heavy + "_snapshot");
        server.dropDatabase(heavy);
    }

    // ------------------------------------------------------------------ helpers

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface Measurement {
        double measure() throws Exception;
    }

    private static double timed(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(Measurement measurement) throws Exception {
        return median(RUNS, measurement);
    }

    private static double median(int runs, Measurement measurement) throws Exception {
        measurement.measure(); // warm-up: class loading, the server's caches
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            values.add(measurement.measure());
        }
        return median(values);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private void row(String what, double raw, double service) {
        rows.add(new String[] {what, ms(raw), ms(service), String.format("%.2f×", service / raw)});
        System.out.printf("[bench]   %-45s raw %8.1f ms, service %8.1f ms%n", what, raw, service);
    }

    private static String ms(double millis) {
        return millis >= 100 ? String.format("%.0f ms", millis) : String.format("%.1f ms", millis);
    }

    private void execute(String sql) {
        server.execute(sql);
    }

    private String table() {
        StringBuilder t = new StringBuilder()
                .append("PostgreSQL ")
                .append(server.version())
                .append(" (")
                .append(server.source())
                .append(")\n\n")
                .append("| Case | Server-side limit / baseline | pgreset | Ratio |\n|---|---|---|---|\n");
        for (String[] row : rows) {
            t.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return t.toString();
    }

    static String quote(String name) {
        return SqlText.identifier(name);
    }

    static void writeFile(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
