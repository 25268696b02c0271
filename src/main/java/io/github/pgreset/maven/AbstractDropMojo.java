package io.github.pgreset.maven;

import io.github.pgreset.core.DropOptions;
import io.github.pgreset.core.DropResult;
import io.github.pgreset.core.Session;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The parameters of the goals that drop a database. */
public abstract class AbstractDropMojo extends AbstractPgResetMojo {

    /**
     * Terminate the sessions on the database so it can be dropped. With {@code false}, a plain DROP DATABASE fails
     * when anyone is connected, listing the sessions.
     *
     * <p>Property: {@code pgreset.force}. Default: {@code true}. Example: {@code -Dpgreset.force=false}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.force", defaultValue = "true")
    private boolean force;

    /**
     * Treat a database that does not exist as already dropped (an info line and success). With {@code false}, a
     * missing database fails the goal.
     *
     * <p>Property: {@code pgreset.ifExists}. Default: {@code true}. Example: {@code -Dpgreset.ifExists=false}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "pgreset.ifExists", defaultValue = "true")
    private boolean ifExists;

    protected AbstractDropMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    protected final DropOptions dropOptions() {
        return new DropOptions(force, ifExists);
    }

    /** Logs what a drop did or, in a dry run, would do. */
    protected final void logDrop(DropResult drop, String location) {
        String where = "\"" + drop.database() + "\" on " + location;
        switch (drop.outcome()) {
            case MISSING -> getLog().info("Database " + where + " does not exist; nothing to drop.");
            case PLANNED -> {
                getLog().info("[dry run] Would drop database " + where + " (PostgreSQL " + drop.serverVersion() + ", "
                        + drop.method() + "), terminating " + drop.terminated().size() + " session(s):");
                drop.terminated().forEach(s -> getLog().info("[dry run]   " + s.describe()));
                drop.statements().forEach(sql -> getLog().info("[dry run]   " + sql + ";"));
            }
            case DROPPED -> {
                for (Session session : drop.terminated()) {
                    getLog().info("Terminated " + session.describe());
                }
                getLog().debug("Dropped " + where + " with " + drop.method() + " in " + drop.attempts()
                        + " attempt(s).");
            }
        }
    }
}
