package io.github.pgreset.maven;

import io.github.pgreset.core.drop.DropOptions;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;

/** The parameters of the goals that drop a database. */
public abstract class AbstractDropMojo extends AbstractPgResetMojo {

    /**
     * Terminate the sessions on the database so it can be dropped. With {@code false}, a plain DROP DATABASE fails
     * when anyone is connected, listing the sessions.
     *
     * <p>Example: {@code -Dpgreset.force=false}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.force", defaultValue = "true")
    private boolean force;

    /**
     * Treat a database that does not exist as already dropped (an info line and success). With {@code false}, a
     * missing database fails the goal.
     *
     * <p>Example: {@code -Dpgreset.ifExists=false}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.ifExists", defaultValue = "true")
    private boolean ifExists;

    /**
     * Roll back the prepared transactions ({@code PREPARE TRANSACTION}) of the database before dropping it. They
     * survive terminating every session, and DROP DATABASE refuses while one exists; by default the goal fails and
     * names them, because rolling back is a decision about someone's data.
     *
     * <p>Example:
     * {@code -Dpgreset.rollbackPrepared=true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.rollbackPrepared", defaultValue = "false")
    private boolean rollbackPrepared;

    /**
     * A regular expression that the name of every database this goal drops must match as a whole, so that a
     * mistyped or mis-configured name cannot reach a database that was never meant to be reset. Names are
     * case-sensitive.
     *
     * <p>Default: none (any name that is not protected). Example:
     * {@code <databaseNamePattern>.*_(test|it|dev)</databaseNamePattern>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.databaseNamePattern")
    private String databaseNamePattern;

    /**
     * Several databases of the same server to work on instead of the one of {@code url}/{@code database}, e.g. one
     * per test fork. They are handled at the same time, at most four at once, each on its own connection; each result
     * is logged, and one failure neither stops nor hides the others (the build fails listing all of them). With
     * {@code reportFile}, the report is a JSON array with one entry per database.
     *
     * <p>Default: none (the one database). Example:
     * {@code -Dpgreset.databases=app_it_1,app_it_2,app_it_3,app_it_4}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.databases")
    private List<String> databases;

    protected AbstractDropMojo(SettingsDecrypter decrypter, ComponentConfigurator configurator) {
        super(decrypter, configurator);
    }

    protected final DropOptions dropOptions() {
        return new DropOptions(force, ifExists, rollbackPrepared);
    }

    @Override
    protected final List<String> databases() {
        return databases == null ? List.of() : databases;
    }

    @Override
    protected final String databaseNamePattern() {
        return databaseNamePattern;
    }
}
