package io.github.pgreset.maven;

import io.github.pgreset.core.DropResult;
import io.github.pgreset.core.ResetService;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Drops the database, terminating its sessions first: {@code DROP DATABASE ... WITH (FORCE)} on PostgreSQL 13+; on
 * older servers new connections are blocked, the sessions terminated and the database dropped, with retries until
 * {@code pgreset.timeout}.
 *
 * @since 0.1.0
 */
@Mojo(name = "drop", threadSafe = true, requiresProject = false)
public class DropMojo extends AbstractDropMojo {

    @Inject
    public DropMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "drop";
    }

    @Override
    protected void run(ResetService service) {
        DropResult drop = service.drop(dropOptions());
        String location = service.target().connection().location();
        logDrop(drop, location);
        if (drop.outcome() == DropResult.Outcome.DROPPED) {
            getLog().info("Dropped database \"" + drop.database() + "\" on " + location + " in "
                    + drop.elapsed().toMillis() + " ms (" + drop.method() + ", "
                    + drop.terminated().size()
                    + " session(s) terminated).");
        }
    }
}
