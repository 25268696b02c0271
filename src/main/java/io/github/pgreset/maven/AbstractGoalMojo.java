package io.github.pgreset.maven;

import io.github.pgreset.core.server.LocalServers;
import io.github.pgreset.maven.internal.CommandLine;
import io.github.pgreset.maven.internal.CommandLineProperties;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;

/**
 * What every goal shares: the parameters {@code timeout}, {@code skip} and {@code dataDirectory}, and the start of a
 * run, where a mistyped {@code -D} stops the goal, the command line's properties win over the POM and a skipped goal
 * says what skipped it.
 */
public abstract class AbstractGoalMojo extends AbstractMojo {

    /**
     * Seconds the whole goal may take: connecting, waiting for sessions to end, retries and every statement; for
     * {@code start} and {@code stop}, making the data directory, starting or stopping the server and waiting for
     * another build that starts the same one (downloading the binaries is Maven's and does not count). A stuck server
     * cannot hang the build for longer.
     *
     * <p>Example: {@code -Dpgreset.timeout=60}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.timeout", defaultValue = "30")
    private int timeout;

    /**
     * Skip the goal. In the POM, tie it to the property that skips the tests the database is for: {@code skipITs} for
     * Failsafe's, {@code skipTests} for Surefire's.
     *
     * <p>Example: <code>&lt;skip&gt;${skipITs}&lt;/skip&gt;</code>, or {@code -Dpgreset.skip=true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The folder of the server that {@code start} makes and {@code stop} stops: its data directory, its log and its
     * superuser's password. It outlives {@code mvn clean}, so that the databases and their snapshots are there for the
     * next build; pgreset works only in a folder that is missing, empty or its own. A goal with no {@code url} works
     * on that server while it runs, so that {@code mvn pgreset:recreate} after {@code mvn pgreset:start} needs no
     * address.
     *
     * <p>Default: {@code ~/.pgreset/servers/<artifactId>-<digest of the project's folder>}; as root, under {@code
     * /var/lib/pgreset/servers}, where the account that runs the server can reach it. Example: {@code
     * <dataDirectory>/var/tmp/chat-postgres</dataDirectory>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.dataDirectory")
    private File dataDirectory;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    private final ComponentConfigurator configurator;

    protected AbstractGoalMojo(ComponentConfigurator configurator) {
        this.configurator = configurator;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        // a mistyped -D must not let a destructive goal run as if it had not been given
        CommandLineProperties commandLine = CommandLine.read(session, mojoExecution);
        Optional<String> mistake = commandLine.mistake(goal());
        if (mistake.isPresent()) {
            throw new MojoFailureException(mistake.get());
        }
        List<CommandLineProperties.Override> overrides = commandLine.overridingPom();
        CommandLine.apply(overrides, this, session, mojoExecution, configurator);
        if (skip) {
            getLog().info("Skipping pgreset:" + goal() + " because "
                    + (commandLine.isGiven("pgreset.skip")
                            ? "-Dpgreset.skip is set."
                            : "its <skip> is true in the POM."));
            return;
        }
        executeGoal(commandLine, overrides);
    }

    /** The goal's own work, once the command line is read and applied and the goal is not skipped. */
    protected abstract void executeGoal(
            CommandLineProperties commandLine, List<CommandLineProperties.Override> overrides)
            throws MojoExecutionException, MojoFailureException;

    /** The goal's name, as the plugin descriptor gives it for this execution ({@code recreate}). */
    protected final String goal() {
        return mojoExecution == null ? "" : mojoExecution.getMojoDescriptor().getGoal();
    }

    /** This execution of the goal; {@code null} outside a build (a test harness). */
    protected final MojoExecution mojoExecution() {
        return mojoExecution;
    }

    /** The build this goal runs in; {@code null} outside one (a test harness). */
    protected final MavenSession session() {
        return session;
    }

    protected final Duration timeout() {
        return Duration.ofSeconds(timeout);
    }

    /** The folder of pgreset's server for this project: the one given, else the project's own under pgreset's home. */
    protected final Path dataDirectory() {
        if (dataDirectory != null) {
            return dataDirectory.toPath().toAbsolutePath();
        }
        MavenProject project = session.getCurrentProject();
        return LocalServers.defaultDataDirectory(
                home(),
                project.getArtifactId(),
                project.getBasedir() == null
                        ? Path.of("").toAbsolutePath()
                        : project.getBasedir().toPath());
    }

    /** pgreset's own folder: the binaries' cache, and the servers' folders by default. */
    protected static Path home() {
        return LocalServers.defaultHome(Path.of(System.getProperty("user.home")));
    }
}
