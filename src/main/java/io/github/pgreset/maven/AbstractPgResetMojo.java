package io.github.pgreset.maven;

import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.ResetSettings;
import io.github.pgreset.core.ServerProperties;
import io.github.pgreset.core.connection.ConnectionRequest;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.connection.LibpqEnvironment;
import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.connection.Problem;
import io.github.pgreset.core.connection.SafetyRules;
import io.github.pgreset.core.connection.Sentences;
import io.github.pgreset.core.connection.Target;
import io.github.pgreset.core.connection.TargetResolver;
import io.github.pgreset.core.report.GoalClock;
import io.github.pgreset.core.report.GoalReport;
import io.github.pgreset.core.report.JsonReport;
import io.github.pgreset.core.server.LocalServer;
import io.github.pgreset.core.server.LocalServers;
import io.github.pgreset.maven.internal.CommandLineProperties;
import io.github.pgreset.maven.internal.MavenProgress;
import io.github.pgreset.maven.internal.NextCopyWhileBuilding;
import io.github.pgreset.maven.internal.ResultLog;
import io.github.pgreset.maven.internal.ServerCredentials;
import io.github.pgreset.maven.internal.SeveralDatabases;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * The parameters every goal shares, and the one place where they become a {@link ResetSettings} and where core
 * failures become Maven failures.
 */
public abstract class AbstractPgResetMojo extends AbstractGoalMojo {

    /**
     * JDBC URL of the database to act on, the same value Flyway or Liquibase already use, e.g.
     * {@code jdbc:postgresql://localhost:5432/chat}. Query parameters (ssl, sslmode, ...) are passed to the driver.
     * Without it, the libpq environment is read: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (defaults
     * localhost and 5432) and PGSSLMODE.
     *
     * <p>Default: none: the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD,
     * PGDATABASE, PGSSLMODE, as psql reads it). Example: {@code -Dpgreset.url=jdbc:postgresql://localhost:5432/chat}.
     *
     * @since 0.1.0
     */
    @Parameter(property = ServerProperties.URL)
    private String url;

    /**
     * Database to act on; overrides the database in {@link #url}, e.g. {@code chat_it}.
     *
     * <p>Default: the URL's database, else PGDATABASE. Example: {@code
     * <database>chat_it</database>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.database")
    private String database;

    /**
     * Role to connect as, e.g. {@code postgres}.
     *
     * <p>Default: the URL's {@code user}, else PGUSER, else the operating system
     * user. Example: {@code <username>postgres</username>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = ServerProperties.USERNAME)
    private String username;

    /**
     * Password of {@link #username}. Prefer {@link #serverId} over a password in the POM.
     *
     * <p>Default: the URL's {@code password}, else PGPASSWORD, else ~/.pgpass.
     * Example: {@code -Dpgreset.password=secret} (for a quick try; keep real passwords in settings.xml).
     *
     * @since 0.1.0
     */
    @Parameter(property = ServerProperties.PASSWORD)
    private PlexusConfiguration password;

    /**
     * Id of a {@code <server>} in settings.xml whose username and password (encrypted as Maven encrypts them) are
     * used, e.g. {@code local-postgres}. Not together with {@link #username}/{@link #password}.
     *
     * <p>Default: none. Example: {@code <serverId>local-postgres</serverId>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.serverId")
    private String serverId;

    /**
     * Database the plugin connects to while it works on the target. It is never dropped.
     *
     * <p>Default: {@code postgres}, else {@code template1} when postgres
     * does not exist (as dropdb does). Example:
     * {@code <maintenanceDatabase>admin</maintenanceDatabase>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.maintenanceDatabase")
    private String maintenanceDatabase;

    /**
     * Print what would be terminated, dropped and created, and the SQL, and change nothing.
     *
     * <p>Example: {@code -Dpgreset.dryRun=true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.dryRun", defaultValue = "false")
    private boolean dryRun;

    /**
     * Allow a server that is not on this machine. By default only localhost, loopback addresses and Unix sockets are
     * accepted, so that a reset meant for a laptop cannot reach a shared server.
     *
     * <p>Example: {@code -Dpgreset.allowRemote=true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.allowRemote", defaultValue = "false")
    private boolean allowRemote;

    /**
     * Databases that every goal which ends sessions or changes a database (terminate, drop, recreate, snapshot,
     * restore) refuses, in addition to postgres, template0, template1 and the maintenance database, which are always
     * refused.
     *
     * <p>Default: none. Example: {@code <protectedDatabases><db>chat</db></protectedDatabases>} or {@code
     * -Dpgreset.protectedDatabases=chat,billing}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.protectedDatabases")
    private List<String> protectedDatabases;

    /**
     * File to write a JSON report of what the goal saw and did to: target database, server and version, the sessions
     * listed or terminated, whether the database was dropped and created and how, the statements sent, the time
     * taken, or the error. Written on success and on failure, replacing an earlier report, so that a CI job can keep
     * it as an artifact.
     *
     * <p>Default: none (no report). Example:
     * <code>&lt;reportFile&gt;${project.build.directory}/pgreset-recreate.json&lt;/reportFile&gt;</code>.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.reportFile")
    private File reportFile;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    private final SettingsDecrypter decrypter;

    protected AbstractPgResetMojo(SettingsDecrypter decrypter, ComponentConfigurator configurator) {
        super(configurator);
        this.decrypter = decrypter;
    }

    @Override
    protected final void executeGoal(CommandLineProperties commandLine, List<CommandLineProperties.Override> overrides)
            throws MojoExecutionException, MojoFailureException {
        GoalClock clock = GoalClock.start();
        Target target = null;
        try {
            ServerCredentials.Sources sources = new ServerCredentials.Sources(
                    commandLine.isGiven("pgreset.serverId"),
                    commandLine.isGiven(ServerProperties.USERNAME) || commandLine.isGiven(ServerProperties.PASSWORD));
            ServerCredentials credentials =
                    ServerCredentials.resolve(serverId, username, password(), sources, settings, decrypter);
            List<DatabaseName> several = databases().stream()
                    .filter(name -> name != null && !name.isBlank())
                    .map(name -> new DatabaseName(name.strip()))
                    .toList();
            ResetSettings resetSettings = settings(credentials, several.isEmpty() ? null : several.get(0));
            target = resetSettings.target();
            CommandLineProperties.overridesLine(
                            overrides,
                            sources.replaceServerId(serverId),
                            goal(),
                            several.isEmpty()
                                    ? target.describe()
                                    : Sentences.count(several.size(), "database") + " on "
                                            + target.connection().location())
                    .ifPresent(getLog()::info);
            if (!several.isEmpty()) {
                SeveralDatabases.Failure failure = SeveralDatabases.run(
                        getLog(),
                        goal(),
                        resetSettings,
                        several,
                        clock,
                        reportFile,
                        service -> runAfterPendingWork(
                                service, new ResultLog(getLog(), goal(), service.target(), GoalClock.start())));
                if (failure != null) {
                    fail(failure.message(), failure.problem(), null);
                }
                return;
            }
            GoalReport report = runAfterPendingWork(
                    new ResetService(resetSettings, new MavenProgress(getLog())),
                    new ResultLog(getLog(), goal(), target, clock));
            if (reportFile != null) {
                JsonReport.write(report, reportFile.toPath());
                getLog().debug("Wrote the report to " + reportFile);
            }
        } catch (PgResetException e) {
            if (reportFile != null && e.problem() != Problem.REPORT_NOT_WRITTEN) {
                writeFailureReport(GoalReport.failed(goal(), target, e.getMessage(), clock));
            }
            getLog().debug(e);
            fail(e.getMessage() + serverStartedByPgreset(e.problem()), e.problem(), e);
        }
    }

    /**
     * When the server that cannot be reached is the one pgreset:start started in this build: where its log is, and
     * what starts it again.
     */
    private String serverStartedByPgreset(Problem problem) {
        String folder = session() == null || session().getCurrentProject() == null
                ? null
                : session().getCurrentProject().getProperties().getProperty(ServerProperties.DATA_DIRECTORY);
        if (problem != Problem.UNREACHABLE || folder == null) {
            return "";
        }
        return " It is the server pgreset:start started in " + folder + ", which is no longer running: its log is "
                + Path.of(folder, "server.log") + "; pgreset:start starts it again.";
    }

    /**
     * The one mapping of core failures to Maven's: what the user can fix fails the build with the message alone (Maven
     * would repeat the driver's text after it; -X shows the cause), an unexpected server error is an error.
     */
    static void fail(String message, Problem problem, Throwable cause)
            throws MojoExecutionException, MojoFailureException {
        if (problem == Problem.SERVER_ERROR) {
            throw new MojoExecutionException(message, cause);
        }
        throw new MojoFailureException(message);
    }

    private void writeFailureReport(GoalReport report) {
        try {
            JsonReport.write(report, reportFile.toPath());
        } catch (PgResetException e) {
            // the goal's own failure is what the build must show; this one is only logged
            getLog().warn(e.getMessage());
        }
    }

    /**
     * The password. The parameter is read as raw configuration and its expression ({@code ${pgreset.password}},
     * {@code ${db.password}}) evaluated here: Maven's debug output ({@code mvn -X}) prints every parameter's value as
     * it sets it, and so shows only the expression, never the password.
     */
    private String password() {
        String raw = password == null ? null : password.getValue();
        if (raw == null || !raw.contains("${")) {
            return raw == null || raw.isEmpty() ? null : raw;
        }
        try {
            Object value = new PluginParameterExpressionEvaluator(session(), mojoExecution()).evaluate(raw);
            return value == null || value.toString().isEmpty() ? null : value.toString();
        } catch (ExpressionEvaluationException e) {
            throw new PgResetException(Problem.CONFIGURATION, "Cannot evaluate pgreset.password: " + e.getMessage(), e);
        }
    }

    /** pgreset.databases, for the goals that drop: empty for the one database of url/database. */
    protected List<String> databases() {
        return List.of();
    }

    /** pgreset.databaseNamePattern, for the goals that drop. */
    protected String databaseNamePattern() {
        return null;
    }

    /** Calls the service and hands its result to {@code results}, which logs it and makes the report of it. */
    protected abstract GoalReport run(ResetService service, ResultLog results);

    /**
     * {@link #run}, once the next copy this build is still making for the same database is done: a goal on it would
     * race that copy (the goal lock would make it wait; a restore would clone the snapshot rather than swap the copy
     * in). {@code mvn pgreset:snapshot pgreset:restore} restores from the copy the snapshot made.
     */
    private GoalReport runAfterPendingWork(ResetService service, ResultLog results) {
        NextCopyWhileBuilding.finishBefore(session(), service.target());
        return run(service, results);
    }

    protected final boolean dryRun() {
        return dryRun;
    }

    /**
     * With no URL, the server that {@code pgreset:start} left running for this project (a goal run by hand after
     * {@code mvn pgreset:start}); within the build that started it, {@code pgreset.url} names it already.
     */
    private Optional<LocalServer> startedServer() {
        if ((url != null && !url.isBlank()) || session() == null || session().getCurrentProject() == null) {
            return Optional.empty();
        }
        Optional<LocalServer> server = LocalServers.running(dataDirectory());
        server.ifPresent(s -> getLog().info("No pgreset.url: working on the server that pgreset:start runs for this"
                + " project (" + LocalServer.HOST + ":" + s.port() + ", " + s.dataDirectory() + ")."));
        return server;
    }

    /**
     * The settings of the goal; {@code firstOfSeveral} is the first of pgreset.databases, which stands in for the
     * database of the URL when the URL names none (each database of the list replaces it anyway).
     */
    private ResetSettings settings(ServerCredentials credentials, DatabaseName firstOfSeveral) {
        String named =
                firstOfSeveral != null && (database == null || database.isBlank()) ? firstOfSeveral.value() : database;
        ConnectionRequest request = startedServer()
                .map(server -> new ConnectionRequest(
                        server.url(named != null && !named.isBlank() ? named : projectDatabase()),
                        named,
                        credentials.username() != null ? credentials.username() : server.superuser(),
                        credentials.password() != null ? credentials.password() : server.password(),
                        maintenanceDatabase))
                .orElseGet(() -> new ConnectionRequest(
                        url, named, credentials.username(), credentials.password(), maintenanceDatabase));
        Target target = new TargetResolver(LibpqEnvironment.of(System.getenv()), System.getProperty("user.name"))
                .resolve(request);
        Set<String> protectedNames = protectedDatabases == null
                ? Set.of()
                : protectedDatabases.stream()
                        .filter(name -> name != null && !name.isBlank())
                        .map(String::trim)
                        .collect(Collectors.toSet());
        SafetyRules safety =
                new SafetyRules(allowRemote, protectedNames, SafetyRules.namePattern(databaseNamePattern()));
        return new ResetSettings(target, timeout(), dryRun, safety);
    }
}
