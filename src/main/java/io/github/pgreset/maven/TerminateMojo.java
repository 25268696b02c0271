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
 * Terminates every client session on the database except the plugin's own, and waits until they are gone. Sessions
 * on other databases are not touched. Fails when the role may not terminate some of them, naming the privilege that
 * would allow it.
 *
 * @since 0.1.0
 */
@Mojo(name = "terminate", threadSafe = true, requiresProject = false)
public class TerminateMojo extends AbstractPgResetMojo {

    @Inject
    public TerminateMojo(SettingsDecrypter decrypter, @Named("basic") ComponentConfigurator configurator) {
        super(decrypter, configurator);
    }

    @Override
    protected GoalReport run(ResetService service, ResultLog results) {
        return results.terminated(service.terminate());
    }
}
