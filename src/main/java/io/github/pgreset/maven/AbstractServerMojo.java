package io.github.pgreset.maven;

import io.github.pgreset.core.PgResetException;
import io.github.pgreset.core.server.LocalServers;
import io.github.pgreset.maven.internal.CommandLine;
import io.github.pgreset.maven.internal.CommandLineProperties;
import io.github.pgreset.maven.internal.MavenBinaryArtifacts;
import io.github.pgreset.maven.internal.MavenProgress;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.eclipse.aether.RepositorySystem;

/** The parameters of the goals that start and stop pgreset's own server: where it lives, and how long it may take. */
public abstract class AbstractServerMojo extends AbstractMojo {

    /**
     * The folder of the server that {@code start} makes and {@code stop} stops: its data directory, its log and its
     * superuser's password. It outlives {@code mvn clean}, so that the databases and their snapshots are there for the
     * next build. pgreset works only in a folder that is missing, empty or its own.
     *
     * <p>Default: {@code ~/.pgreset/servers/<artifactId>-<digest of the
     * project's folder>}; as root, under {@code /var/lib/pgreset/servers}, where the account that runs the server can
     * reach it. Example: {@code <dataDirectory>/var/tmp/chat-postgres</dataDirectory>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.dataDirectory")
    private File dataDirectory;

    /**
     * Seconds that making the data directory, starting or stopping the server, and waiting for another build that is
     * starting the same server may take. Downloading the binaries is Maven's and does not count.
     *
     * <p>Example: {@code -Dpgreset.timeout=120}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.timeout", defaultValue = "30")
    private int timeout;

    /**
     * Skip the goal, e.g. when the server is only for the integration tests.
     *
     * <p>Example: <code>&lt;skip&gt;${skipITs}&lt;/skip&gt;</code>.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    private final RepositorySystem repositorySystem;
    private final ComponentConfigurator configurator;

    protected AbstractServerMojo(RepositorySystem repositorySystem, ComponentConfigurator configurator) {
        this.repositorySystem = repositorySystem;
        this.configurator = configurator;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        CommandLineProperties commandLine = CommandLine.read(session, mojoExecution);
        String goal = mojoExecution == null
                ? "start"
                : mojoExecution.getMojoDescriptor().getGoal();
        Optional<String> mistake = commandLine.mistake(goal);
        if (mistake.isPresent()) {
            throw new MojoFailureException(mistake.get());
        }
        CommandLine.apply(commandLine.overridingPom(), this, session, mojoExecution, configurator);
        if (skip) {
            getLog().info("Skipping pgreset:" + goal + " because "
                    + (commandLine.isGiven("pgreset.skip")
                            ? "-Dpgreset.skip is set."
                            : "its <skip> is true in the POM."));
            return;
        }
        try {
            run();
        } catch (PgResetException e) {
            getLog().debug(e);
            AbstractPgResetMojo.fail(e.getMessage(), e.problem(), e);
        }
    }

    protected abstract void run();

    /** The servers, with the binaries from the build's repositories and the progress in Maven's log. */
    protected final LocalServers servers() {
        return new LocalServers(
                home(),
                new MavenBinaryArtifacts(
                        repositorySystem, session.getRepositorySession(), project.getRemoteProjectRepositories()),
                new MavenProgress(getLog()));
    }

    /** pgreset's own folder: the binaries' cache, and the servers' folders by default. */
    protected static Path home() {
        return LocalServers.defaultHome(Path.of(System.getProperty("user.home")));
    }

    protected final Path dataDirectory() {
        return dataDirectory(dataDirectory, project);
    }

    /** The folder given, else the project's own under pgreset's home. */
    static Path dataDirectory(File given, MavenProject project) {
        if (given != null) {
            return given.toPath().toAbsolutePath();
        }
        return LocalServers.defaultDataDirectory(
                home(),
                project.getArtifactId(),
                project.getBasedir() == null
                        ? Path.of("").toAbsolutePath()
                        : project.getBasedir().toPath());
    }

    protected final Duration timeout() {
        return Duration.ofSeconds(timeout);
    }

    protected final MavenProject project() {
        return project;
    }

    protected final MavenSession session() {
        return session;
    }
}
