package io.github.pgreset.bench;

import io.github.pgreset.testing.PgServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole Maven processes doing the same reset: {@code mvn pgreset:recreate}, and the sql-maven-plugin recipe (a
 * {@code sql:execute} with the same SQL the plugin sends). Both use the local repository the build installed the
 * plugin into ({@code target/it-repo}), and the user's repository for the rest.
 */
final class MavenRuns {
    static final String PGRESET = "pgreset";
    static final String SQL_MAVEN_PLUGIN = "sql-maven-plugin";
    private static final String SQL_PLUGIN_VERSION = "3.0.0";

    private final Path dir;
    private final Path mvn;
    private final Path repo;

    private final PgServer server;
    private final String database;

    private MavenRuns(Path dir, Path mvn, Path repo, PgServer server, String database) {
        this.dir = dir;
        this.mvn = mvn;
        this.repo = repo;
        this.server = server;
        this.database = database;
    }

    /** The database's oid, which a recreate changes; null when it does not exist. */
    private Long oid() {
        List<Long> oids =
                server.query("SELECT oid FROM pg_database WHERE datname = '" + database + "'", rs -> rs.getLong(1));
        return oids.isEmpty() ? null : oids.get(0);
    }

    /** Writes the two projects; null (with a note) when Maven or the installed plugin cannot be found. */
    static MavenRuns prepare(Path out, PgServer server, String database) throws Exception {
        String mavenHome = System.getProperty("maven.home");
        Path repo = Path.of(System.getProperty("pgreset.bench.repo", "target/it-repo"))
                .toAbsolutePath();
        if (mavenHome == null || !Files.isDirectory(repo.resolve("io/github/pgreset"))) {
            System.out.println("[bench]   skipping the Maven process comparison: run it through ./mvnw -Pbench "
                    + "-DskipTests verify, which installs the plugin into " + repo);
            return null;
        }
        Path dir = out.resolve("maven-" + server.version().major()).toAbsolutePath();
        String url = "jdbc:postgresql://" + server.host() + ":" + server.port();
        String user = server.user();
        String password = server.password() == null ? "" : server.password();
        String version = System.getProperty("pgreset.bench.pluginVersion", "0.1.0-SNAPSHOT");
        ResetBenchmark.writeFile(dir.resolve("settings.xml"), """
                <settings>
                  <profiles><profile><id>local</id>
                    <repositories><repository><id>user-repo</id><url>%s</url></repository></repositories>
                    <pluginRepositories><pluginRepository><id>user-repo</id><url>%s</url></pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>local</activeProfile></activeProfiles>
                </settings>
                """.formatted(userRepo(), userRepo()));
        ResetBenchmark.writeFile(
                dir.resolve(PGRESET + "/pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench</groupId><artifactId>pgreset</artifactId><version>1</version><packaging>pom</packaging>
                  <build><plugins><plugin>
                    <groupId>io.github.pgreset</groupId><artifactId>pgreset-maven-plugin</artifactId><version>%s</version>
                    <configuration><url>%s/%s</url><username>%s</username><password>%s</password></configuration>
                  </plugin></plugins></build>
                </project>
                """.formatted(version, url, database, user, password));
        // one statement per line: the plugin sends each on its own (DROP DATABASE cannot run in a pipeline)
        String reset = server.version().major() >= 13
                ? "DROP DATABASE IF EXISTS " + database + " WITH (FORCE);\nCREATE DATABASE " + database + ";\n"
                : "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false;\n"
                        + "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "';\nDROP DATABASE IF EXISTS " + database + ";\nCREATE DATABASE " + database + ";\n";
        ResetBenchmark.writeFile(dir.resolve(SQL_MAVEN_PLUGIN + "/reset.sql"), reset);
        ResetBenchmark.writeFile(dir.resolve(SQL_MAVEN_PLUGIN + "/pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench</groupId><artifactId>sql</artifactId><version>1</version><packaging>pom</packaging>
                  <build><plugins><plugin>
                    <groupId>org.codehaus.mojo</groupId><artifactId>sql-maven-plugin</artifactId><version>%s</version>
                    <dependencies><dependency>
                      <groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>%s</version>
                    </dependency></dependencies>
                    <configuration>
                      <driver>org.postgresql.Driver</driver><url>%s/postgres</url>
                      <username>%s</username><password>%s</password>
                      <autocommit>true</autocommit><srcFiles><srcFile>reset.sql</srcFile></srcFiles>
                      <forceMojoExecution>true</forceMojoExecution>
                    </configuration>
                  </plugin></plugins></build>
                </project>
                """.formatted(
                SQL_PLUGIN_VERSION, System.getProperty("pgreset.bench.pgjdbcVersion", "42.7.14"), url, user, password));
        MavenRuns runs = new MavenRuns(dir, Path.of(mavenHome, "bin", "mvn"), repo, server, database);
        // resolve each plugin once, online, before anything is timed
        runs.time(PGRESET);
        runs.time(SQL_MAVEN_PLUGIN);
        return runs;
    }

    private static String userRepo() {
        return new File(System.getProperty("user.home"), ".m2/repository")
                .toURI()
                .toString();
    }

    /** Milliseconds of one whole Maven process running the reset. */
    double time(String project) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                mvn.toString(),
                "-B",
                "-q",
                "-s",
                dir.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + repo));
        command.add(project.equals(PGRESET) ? "pgreset:recreate" : "sql:execute");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.resolve(project).toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(project + ".log").toFile());
        Long before = oid();
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double millis = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException(
                    project + " failed (exit " + exit + "), see " + dir.resolve(project + ".log"));
        }
        // a run that did not reset anything (a skipped goal) must not count: the database is a new one
        if (before != null && before.equals(oid())) {
            throw new IllegalStateException(
                    project + " did not recreate " + database + ", see " + dir.resolve(project + ".log"));
        }
        return millis;
    }
}
