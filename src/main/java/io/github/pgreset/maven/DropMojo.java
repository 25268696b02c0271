package io.github.pgreset.maven;

import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.report.GoalReport;
import io.github.pgreset.maven.internal.ResultLog;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;

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
    public DropMojo(SettingsDecrypter decrypter, @Named("basic") ComponentConfigurator configurator) {
        super(decrypter, configurator);
    }

    @Override
    protected GoalReport run(ResetService service, ResultLog results) {
        return results.dropped(service.drop(dropOptions()));
    }
}
