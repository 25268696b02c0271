package io.github.pgreset.maven;

import io.github.pgreset.core.GoalClock;
import io.github.pgreset.core.GoalReport;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.Sentences;
import io.github.pgreset.core.TerminateResult;
import io.github.pgreset.maven.internal.Styled;
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
    protected String goal() {
        return "terminate";
    }

    @Override
    protected GoalReport run(ResetService service, GoalClock clock) {
        TerminateResult result = service.terminate();
        String where = "\"" + result.database() + "\" on "
                + service.target().connection().location();
        if (result.terminated().isEmpty()) {
            getLog().info("No sessions to terminate on " + where + ".");
        } else {
            getLog().info(dryRunPrefix() + (result.dryRun() ? "Would terminate " : Styled.warning("Terminated") + " ")
                    + Styled.strong(Sentences.count(result.terminated().size(), "session"))
                    + " on " + where
                    + (result.dryRun() ? ":" : " in " + result.elapsed().toMillis() + " ms:"));
            logSessions("  ", result.terminated());
        }
        return GoalReport.of(service.target(), result, clock);
    }
}
