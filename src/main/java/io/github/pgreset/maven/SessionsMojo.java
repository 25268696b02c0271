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
 * Lists the client sessions on the database, psql-style: pid, user, application, client address, state, how long
 * connected and in that state, wait event and query. The plugin's own connection and background workers are left
 * out.
 *
 * @since 0.1.0
 */
@Mojo(name = "sessions", threadSafe = true, requiresProject = false)
public class SessionsMojo extends AbstractPgResetMojo {

    @Inject
    public SessionsMojo(SettingsDecrypter decrypter, @Named("basic") ComponentConfigurator configurator) {
        super(decrypter, configurator);
    }

    @Override
    protected GoalReport run(ResetService service, ResultLog results) {
        return results.sessions(service.sessions());
    }
}
