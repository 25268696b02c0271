package io.github.pgreset.maven;

import io.github.pgreset.core.server.LocalServer;
import io.github.pgreset.core.server.StartRequest;
import io.github.pgreset.core.server.StartResult;
import io.github.pgreset.core.server.VersionRequest;
import io.github.pgreset.maven.internal.Styled;
import java.util.Properties;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.eclipse.aether.RepositorySystem;

/**
 * Starts a PostgreSQL server for the build on this machine, with no Docker and nothing installed: the binaries come
 * from Maven Central ({@code io.zonky.test.postgres}) through the build's repositories, the data directory is made once
 * and kept between builds, and the server listens on 127.0.0.1. A server already running for the project is reused.
 * The database the build works on is made when it is missing.
 *
 * <p>For the rest of the build it sets the project properties {@code pgreset.url}, {@code pgreset.username} and {@code
 * pgreset.password}: the later pgreset goals without a {@code <url>} of their own work on that database, and tests get
 * it as {@code ${pgreset.url}}. The server keeps running after Maven exits until {@code pgreset:stop}.
 *
 * @since 0.1.0
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractServerMojo {

    /**
     * The PostgreSQL to run: a major version ({@code 17}) or a release of the binaries ({@code 17.7.0}). A server
     * made earlier keeps its release unless an exact one is given; another major version than its own is refused.
     *
     * <p>Default: the newest release the repositories offer for this
     * platform. Example: {@code <postgresVersion>17</postgresVersion>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.postgresVersion")
    private String postgresVersion;

    /**
     * The TCP port on 127.0.0.1. With 0, pgreset chooses a free port on the first start and keeps it for the data
     * directory (choosing another if a program takes it meanwhile).
     *
     * <p>Example: {@code -Dpgreset.port=15432}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.port", defaultValue = "0")
    private int port;

    /**
     * The database the build works on, made when it is missing. The later goals act on it.
     *
     * <p>Example: {@code <database>chat_it</database>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.database", defaultValue = "${project.artifactId}")
    private String database;

    /**
     * The operating-system account the server runs as when the build runs as root (PostgreSQL refuses to run as
     * root). Not used otherwise.
     *
     * <p>Default: {@code postgres} where that account exists, else {@code
     * nobody}. Example: {@code -Dpgreset.serverAccount=builder}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.serverAccount")
    private String serverAccount;

    @Inject
    public StartMojo(RepositorySystem repositorySystem, @Named("basic") ComponentConfigurator configurator) {
        super(repositorySystem, configurator);
    }

    @Override
    protected void run() {
        StartResult result = servers()
                .start(new StartRequest(
                        dataDirectory(),
                        VersionRequest.parse(postgresVersion),
                        port,
                        database,
                        serverAccount,
                        timeout()));
        LocalServer server = result.server();
        String url = server.url(result.database());
        Properties properties = session().getCurrentProject().getProperties();
        properties.setProperty("pgreset.url", url);
        properties.setProperty("pgreset.username", server.superuser());
        properties.setProperty("pgreset.password", server.password());
        properties.setProperty("pgreset.dataDirectory", server.dataDirectory().toString());
        getLog().info(Styled.success(
                        result.reused()
                                ? "PostgreSQL " + server.release() + " is running"
                                : "PostgreSQL " + server.release() + " started")
                + ": " + Styled.strong(url) + (result.databaseCreated() ? " (made the database)" : "") + " in "
                + result.millis() + " ms. psql: " + server.psql(result.database()));
    }
}
