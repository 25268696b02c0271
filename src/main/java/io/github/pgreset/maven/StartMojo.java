package io.github.pgreset.maven;

import io.github.pgreset.core.ServerProperties;
import io.github.pgreset.core.server.LocalServer;
import io.github.pgreset.core.server.StartRequest;
import io.github.pgreset.core.server.StartResult;
import io.github.pgreset.core.server.VersionRequest;
import io.github.pgreset.maven.internal.BuildServers;
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
 * and kept between builds, and the server listens on 127.0.0.1. One server serves the whole build: every module that
 * binds {@code start} reaches it, each with its own database, made when it is missing.
 *
 * <p>For the rest of the build it sets the project properties {@code pgreset.url}, {@code pgreset.username} and {@code
 * pgreset.password}: the later pgreset goals without a {@code <url>} of their own work on that database, and tests get
 * it as {@code ${pgreset.url}}. Bound in the build, the server stops when the build ends, whether it succeeded or
 * failed, after the last module that uses it; a server that was started by hand ({@code mvn pgreset:start}) keeps
 * running for the application and psql until {@code mvn pgreset:stop}.
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
     * <p>Default: the project's artifactId (shortened with a digest where it is longer than PostgreSQL's 63 bytes).
     * Example: {@code <database>chat_it</database>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.database")
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
        boolean byHand = runByHand();
        StartResult result = servers()
                .start(new StartRequest(
                        dataDirectory(),
                        VersionRequest.parse(postgresVersion),
                        port,
                        database == null || database.isBlank() ? projectDatabase() : database,
                        serverAccount,
                        timeout(),
                        byHand));
        if (result.use() != null) {
            BuildServers.hold(session(), result.use(), getLog(), timeout());
        }
        LocalServer server = result.server();
        String url = server.url(result.database());
        Properties properties = session().getCurrentProject().getProperties();
        properties.setProperty(ServerProperties.URL, url);
        properties.setProperty(ServerProperties.USERNAME, server.superuser());
        properties.setProperty(ServerProperties.PASSWORD, server.password());
        properties.setProperty(
                ServerProperties.DATA_DIRECTORY, server.dataDirectory().toString());
        String started = result.reused()
                ? "PostgreSQL " + server.release() + " is running"
                : "PostgreSQL " + server.release() + " started" + (result.kept() ? "" : " for the build");
        getLog().info(Styled.success(started) + ": " + Styled.strong(url)
                + (result.databaseCreated() ? " (made the database)" : "") + " in " + result.millis() + " ms. psql: "
                + server.psql(result.database()));
        unmarkedRoot()
                .ifPresent(top -> getLog().info("No .mvn folder marks this build's root, so the server belongs to "
                        + buildRoot() + ": add a .mvn folder to " + top + " (the Maven Wrapper has one) and every"
                        + " module's build reaches one server, started in any module."));
        if (byHand) {
            // asked for by hand, for an application or a tool: what it needs to connect, the password included
            getLog().info("It keeps running after Maven exits, until mvn pgreset:stop. For an application: url=" + url
                    + " username=" + server.superuser() + " password=" + server.password());
        }
    }
}
