package io.github.pgreset.maven;

import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.SessionReport;
import io.github.pgreset.core.SessionTable;
import java.time.OffsetDateTime;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

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
    public SessionsMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "sessions";
    }

    @Override
    protected void run(ResetService service) {
        SessionReport report = service.sessions();
        if (!report.sessions().isEmpty()) {
            SessionTable.render(report.sessions(), OffsetDateTime.now()).forEach(getLog()::info);
        }
        getLog().info(SessionTable.summary(report.database(), report.sessions()) + " ("
                + service.target().connection().location() + ", PostgreSQL " + report.serverVersion() + ")");
    }
}
