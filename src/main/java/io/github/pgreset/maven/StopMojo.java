package io.github.pgreset.maven;

import io.github.pgreset.core.server.StopResult;
import io.github.pgreset.maven.internal.BeforeBuildResult;
import io.github.pgreset.maven.internal.Styled;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.eclipse.aether.RepositorySystem;

/**
 * Stops the server that {@code pgreset:start} started for the project, with a fast shutdown (sessions are ended,
 * nothing is lost), and keeps its data for the next build. Run by hand, it stops the server that {@code mvn
 * pgreset:start} left running.
 *
 * @since 0.1.0
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractServerMojo {

    /**
     * Also delete the server's folder, with every database and snapshot in it. Only a folder that pgreset made is
     * deleted.
     *
     * <p>Example: {@code mvn pgreset:stop -Dpgreset.removeData=true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.removeData", defaultValue = "false")
    private boolean removeData;

    @Inject
    public StopMojo(RepositorySystem repositorySystem, @Named("basic") ComponentConfigurator configurator) {
        super(repositorySystem, configurator);
    }

    @Override
    protected void run() {
        // restore's next copy, made on the server while the build went on, is finished first
        BeforeBuildResult.finishNow(session());
        StopResult result = servers().stop(dataDirectory(), removeData, timeout());
        if (!result.found()) {
            getLog().info("No server that pgreset made in " + result.dataDirectory() + "; nothing to stop.");
            return;
        }
        String stopped = result.stopped()
                ? Styled.success("Stopped the PostgreSQL server") + " in " + result.dataDirectory() + " in "
                        + result.millis() + " ms"
                : "The PostgreSQL server in " + result.dataDirectory() + " was not running";
        getLog().info(stopped
                + (result.removed()
                        ? "; deleted the folder with its data."
                        : "; its data is kept for the next pgreset:start."));
    }
}
