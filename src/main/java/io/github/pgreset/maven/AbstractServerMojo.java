package io.github.pgreset.maven;

import io.github.pgreset.core.connection.PgResetException;
import io.github.pgreset.core.server.LocalServers;
import io.github.pgreset.maven.internal.CommandLineProperties;
import io.github.pgreset.maven.internal.MavenBinaryArtifacts;
import io.github.pgreset.maven.internal.MavenProgress;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.eclipse.aether.RepositorySystem;

/** The goals that start and stop pgreset's own server: the servers, with the binaries from the build's repositories. */
public abstract class AbstractServerMojo extends AbstractGoalMojo {
    private final RepositorySystem repositorySystem;

    protected AbstractServerMojo(RepositorySystem repositorySystem, ComponentConfigurator configurator) {
        super(configurator);
        this.repositorySystem = repositorySystem;
    }

    @Override
    protected final void executeGoal(CommandLineProperties commandLine, List<CommandLineProperties.Override> overrides)
            throws MojoExecutionException, MojoFailureException {
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
                        repositorySystem,
                        session().getRepositorySession(),
                        session().getCurrentProject().getRemoteProjectRepositories()),
                new MavenProgress(getLog()));
    }
}
