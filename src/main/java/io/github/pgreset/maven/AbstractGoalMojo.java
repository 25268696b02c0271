package io.github.pgreset.maven;

import io.github.pgreset.core.ServerProperties;
import io.github.pgreset.core.connection.DatabaseName;
import io.github.pgreset.core.server.LocalServers;
import io.github.pgreset.maven.internal.CommandLine;
import io.github.pgreset.maven.internal.CommandLineProperties;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenExecutionRequest;
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
     * <p>Default: one server for the whole build, {@code ~/.pgreset/servers/<root folder's name>-<digest of its
     * path>}, where the root is the folder Maven names as the multi-module project directory (the nearest folder with
     * a {@code .mvn} folder, which the Maven Wrapper makes): every module, {@code -pl} and {@code -f module/pom.xml}
     * reach the same server. As root, under {@code /var/lib/pgreset/servers}, where the account that runs the server
     * can reach it. Example: {@code <dataDirectory>/var/tmp/chat-postgres</dataDirectory>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = ServerProperties.DATA_DIRECTORY)
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
            skipped();
            return;
        }
        executeGoal(commandLine, overrides);
    }

    /** What a skipped goal still tells the rest of the build; nothing by default. */
    protected void skipped() {}

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

    /** The folder of pgreset's server for this build: the one given, else the build root's under pgreset's home. */
    protected final Path dataDirectory() {
        if (dataDirectory != null) {
            return dataDirectory.toPath().toAbsolutePath();
        }
        return LocalServers.defaultDataDirectory(home(), buildRoot());
    }

    /**
     * The build's root: the folder Maven names as the multi-module project directory (the nearest with a {@code .mvn}
     * folder, else where Maven was started), so that every module of a build, and {@code -pl} and {@code -f}, name the
     * same; else the project's folder, else the working folder.
     */
    protected final Path buildRoot() {
        MavenExecutionRequest request = session == null ? null : session.getRequest();
        File root = request == null ? null : request.getMultiModuleProjectDirectory();
        if (root != null) {
            return root.toPath().toAbsolutePath().normalize();
        }
        MavenProject project = session == null ? null : session.getCurrentProject();
        return project != null && project.getBasedir() != null
                ? project.getBasedir().toPath().toAbsolutePath().normalize()
                : Path.of("").toAbsolutePath();
    }

    /**
     * Where no {@code .mvn} folder marks the build's root and the project's parent lies above it on disk, the folder a
     * {@code .mvn} folder would make the root of every module's build (a build started in a module, or with {@code -f
     * module/pom.xml}, then gets a server of its own); else empty.
     */
    protected final Optional<Path> unmarkedRoot() {
        Path root = buildRoot();
        if (dataDirectory != null || Files.isDirectory(root.resolve(".mvn"))) {
            return Optional.empty();
        }
        Path top = null;
        for (MavenProject p = session.getCurrentProject().getParent(); p != null; p = p.getParent()) {
            Path folder = p.getBasedir() == null
                    ? null
                    : p.getBasedir().toPath().toAbsolutePath().normalize();
            if (folder != null && root.startsWith(folder) && !root.equals(folder)) {
                top = folder;
            }
        }
        return Optional.ofNullable(top);
    }

    /**
     * The database of a goal that names none: the project's artifactId, shortened with a digest where it is longer
     * than PostgreSQL's 63 bytes (and said so).
     */
    protected final String projectDatabase() {
        String artifactId = session.getCurrentProject().getArtifactId();
        String database = DatabaseName.fitted(artifactId).value();
        if (!database.equals(artifactId)) {
            getLog().info("The artifactId \"" + artifactId + "\" is longer than PostgreSQL's " + DatabaseName.MAX_BYTES
                    + " bytes: its database is \"" + database + "\" (or name one with pgreset.database).");
        }
        return database;
    }

    /** Whether the goal was run by hand ({@code mvn pgreset:start}) rather than bound in the build's lifecycle. */
    protected final boolean runByHand() {
        return mojoExecution == null || mojoExecution.getSource() == MojoExecution.Source.CLI;
    }

    /** pgreset's own folder: the binaries' cache, and the servers' folders by default. */
    protected static Path home() {
        return LocalServers.defaultHome(Path.of(System.getProperty("user.home")));
    }
}
