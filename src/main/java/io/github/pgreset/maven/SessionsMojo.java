package io.github.pgreset.maven;

import io.github.pgreset.core.GoalClock;
import io.github.pgreset.core.GoalReport;
import io.github.pgreset.core.ResetService;
import io.github.pgreset.core.SessionReport;
import io.github.pgreset.core.SessionTable;
import io.github.pgreset.maven.internal.Styled;
import java.time.OffsetDateTime;
import java.util.List;
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
    protected String goal() {
        return "sessions";
    }

    @Override
    protected GoalReport run(ResetService service, GoalClock clock) {
        SessionReport report = service.sessions();
        if (report.invalid()) {
            getLog().warn("Database \"" + report.database() + "\" on "
                    + service.target().connection().location()
                    + " is invalid: an interrupted DROP DATABASE left it behind, and nobody can connect to it. "
                    + "pgreset:drop or pgreset:recreate removes it.");
        }
        if (!report.sessions().isEmpty()) {
            List<String> table = SessionTable.render(report.sessions(), OffsetDateTime.now());
            getLog().info(Styled.strong(table.get(0)));
            table.subList(1, table.size()).forEach(getLog()::info);
        }
        getLog().info(Styled.strong(SessionTable.summary(report.database(), report.sessions())) + " ("
                + service.target().connection().location() + ", PostgreSQL " + report.serverVersion() + ")");
        return GoalReport.of(service.target(), report, clock);
    }
}
