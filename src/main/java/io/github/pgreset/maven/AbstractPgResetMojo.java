package io.github.pgreset.maven;

import io.github.pgreset.core.ConnectionRequest;
import io.github.pgreset.core.LibpqEnvironment;
import io.github.pgreset.core.PgResetException;
import io.github.pgreset.core.Problem;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.ResetSettings;
import io.github.pgreset.core.SafetyRules;
import io.github.pgreset.core.Target;
import io.github.pgreset.core.TargetResolver;
import io.github.pgreset.maven.internal.MavenProgress;
import io.github.pgreset.maven.internal.ServerCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The parameters every goal shares, and the one place where they become a {@link ResetSettings} and where core
 * failures become Maven failures.
 */
public abstract class AbstractPgResetMojo extends AbstractMojo {

    /**
     * JDBC URL of the database to act on, the same value Flyway or Liquibase already use, e.g.
     * {@code jdbc:postgresql://localhost:5432/chat}. Query parameters (ssl, sslmode, ...) are passed to the driver.
     * Without it, the libpq environment is read: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (defaults
     * localhost and 5432).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.url")
    private String url;

    /**
     * Database to act on; overrides the database in {@link #url}, e.g. {@code chat_it}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.database")
    private String database;

    /**
     * Role to connect as, e.g. {@code postgres}. Default: the URL's {@code user}, else PGUSER, else the operating
     * system user.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.username")
    private String username;

    /**
     * Password of {@link #username}. Default: the URL's {@code password}, else PGPASSWORD, else ~/.pgpass. Prefer
     * {@link #serverId} over a password in the POM.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.password")
    private String password;

    /**
     * Id of a {@code <server>} in settings.xml whose username and password (encrypted as Maven encrypts them) are
     * used, e.g. {@code local-postgres}. Not together with {@link #username}/{@link #password}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.serverId")
    private String serverId;

    /**
     * Database the plugin connects to while it works on the target. Default: {@code postgres}, falling back to
     * {@code template1} when postgres does not exist (as dropdb does). It is never dropped.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.maintenanceDatabase")
    private String maintenanceDatabase;

    /**
     * Seconds the whole goal may take: connecting, waiting for sessions to end, retries and every statement. A stuck
     * server cannot hang the build for longer. Example: {@code 60}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.timeout", defaultValue = "30")
    private int timeout;

    /**
     * Skip the goal, e.g. {@code -Dpgreset.skip=true} (or {@code ${skipITs}} in the POM).
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Print what would be terminated, dropped and created, and the SQL, and change nothing.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.dryRun", defaultValue = "false")
    private boolean dryRun;

    /**
     * Allow a server that is not on this machine. By default only localhost, loopback addresses and Unix sockets are
     * accepted, so that a reset meant for a laptop cannot reach a shared server.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.allowRemote", defaultValue = "false")
    private boolean allowRemote;

    /**
     * Databases that drop and recreate refuse, in addition to postgres, template0, template1 and the maintenance
     * database, e.g. {@code <protectedDatabases><db>chat</db></protectedDatabases>} or
     * {@code -Dpgreset.protectedDatabases=chat,billing}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.protectedDatabases")
    private List<String> protectedDatabases;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    private final SettingsDecrypter decrypter;

    protected AbstractPgResetMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pgreset:" + goal() + " because pgreset.skip is set.");
            return;
        }
        ServerCredentials credentials = ServerCredentials.resolve(serverId, username, password, settings, decrypter);
        try {
            run(new ResetService(settings(credentials), new MavenProgress(getLog())));
        } catch (PgResetException e) {
            // the one mapping of core failures: what the user can fix fails the build with the message alone
            // (Maven would repeat the driver's text after it; -X shows the cause), anything else is an error
            getLog().debug(e);
            if (e.problem() == Problem.SERVER_ERROR) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
            throw new MojoFailureException(e.getMessage());
        }
    }

    /** The goal's name, for log lines. */
    protected abstract String goal();

    /** Calls the service and logs what it did. */
    protected abstract void run(ResetService service);

    protected final boolean dryRun() {
        return dryRun;
    }

    protected final String dryRunPrefix() {
        return dryRun ? "[dry run] " : "";
    }

    private ResetSettings settings(ServerCredentials credentials) {
        Target target = new TargetResolver(LibpqEnvironment.of(System.getenv()), System.getProperty("user.name"))
                .resolve(new ConnectionRequest(
                        url, database, credentials.username(), credentials.password(), maintenanceDatabase));
        Set<String> protectedNames = protectedDatabases == null
                ? Set.of()
                : protectedDatabases.stream()
                        .filter(name -> name != null && !name.isBlank())
                        .map(String::trim)
                        .collect(Collectors.toSet());
        SafetyRules safety = new SafetyRules(allowRemote, protectedNames);
        return new ResetSettings(target, Duration.ofSeconds(timeout), dryRun, safety);
    }
}
