package io.github.pgreset.maven;

import io.github.pgreset.core.server.ServerUse;
import io.github.pgreset.core.server.StopResult;
import io.github.pgreset.maven.internal.BeforeBuildResult;
import io.github.pgreset.maven.internal.BuildServers;
import io.github.pgreset.maven.internal.Styled;
import java.nio.file.Path;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.eclipse.aether.RepositorySystem;

/**
 * Stops the server that {@code pgreset:start} started, with a fast shutdown (sessions are ended, nothing is lost), and
 * keeps its data for the next build. Run by hand ({@code mvn pgreset:stop}), it stops the server at once, also one that
 * {@code mvn pgreset:start} left running. The server a build started stops by itself when the build ends; bound in the
 * build, this goal leaves it to that end, so that it never stops a server under another module that still uses it.
 *
 * @since 0.1.0
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractServerMojo {

    /**
     * Also delete the server's folder, with every database and snapshot in it. Only a folder that pgreset made is
     * deleted, and only by {@code mvn pgreset:stop} run by hand.
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
        Path folder = dataDirectory();
        if (!runByHand()) {
            leaveToTheBuildsEnd(folder);
            return;
        }
        // restore's next copy, made on the server while the build went on, is finished first
        BeforeBuildResult.finishNow(session());
        StopResult result = servers().stop(folder, removeData, timeout());
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

    /**
     * Bound in the build: the server stops when the build ends, after the last module that uses it, unless another
     * build uses it or it was started by hand.
     */
    private void leaveToTheBuildsEnd(Path folder) {
        if (removeData) {
            getLog().warn("pgreset.removeData applies to mvn pgreset:stop run by hand; bound in the build, pgreset:stop"
                    + " leaves the server and its data to the build's end.");
        }
        if (!BuildServers.holds(session(), folder)) {
            Optional<ServerUse> use = servers().use(folder, timeout());
            if (use.isEmpty()) {
                getLog().info("No server that pgreset made in " + folder + "; nothing to stop.");
                return;
            }
            BuildServers.hold(session(), use.get(), getLog(), timeout());
        }
        getLog().info("pgreset:stop leaves the PostgreSQL server in " + folder + " to the end of the build, after the"
                + " last module that uses it: it stops then, unless another build uses it or it was started by hand.");
    }
}
